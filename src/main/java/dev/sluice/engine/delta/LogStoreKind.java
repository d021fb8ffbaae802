package dev.sluice.engine.delta;

import java.util.Locale;

/** Which log store publishes commit files ({@code delta.logStore}), with its class per table scheme. */
public enum LogStoreKind {
    /** Sluice's stores: {@link SluiceLocalLogStore} (atomic link) and {@link SluiceS3LogStore} (conditional PUT); both fail if the version exists. */
    SLUICE(SluiceLocalLogStore.class.getName(), SluiceS3LogStore.class.getName()),
    /** delta-standalone's defaults: check, then rename (local) or write (S3); safe only within one JVM. */
    DELTA_DEFAULT("io.delta.storage.LocalLogStore", "io.delta.storage.S3SingleDriverLogStore");

    /** The table schemes Sluice writes, each with its Hadoop configuration key. */
    public enum Scheme {
        FILE("file"), S3("s3"), S3A("s3a");

        private final String id;

        Scheme(String id) {
            this.id = id;
        }

        /** The key delta-standalone reads the store class from ({@code delta.logStore.s3.impl}). */
        public String configKey() {
            return "delta.logStore." + id + ".impl";
        }

        /** The scheme of a table URI: {@code file}, {@code s3} or {@code s3a}; one line naming what is accepted otherwise. */
        public static Scheme of(java.net.URI table) {
            String s = table.getScheme() == null ? "file" : table.getScheme();
            for (Scheme k : values()) {
                if (k.id.equalsIgnoreCase(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(table + ": tables are file:// or s3://bucket/prefix, not " + s + ":");
        }

        public boolean onS3() {
            return this != FILE;
        }
    }

    private final String localClass;
    private final String s3Class;

    LogStoreKind(String localClass, String s3Class) {
        this.localClass = localClass;
        this.s3Class = s3Class;
    }

    /** The class named in {@code delta.logStore.file.impl}. */
    public String className() {
        return localClass;
    }

    /** The class for tables of {@code scheme}. */
    public String className(Scheme scheme) {
        return scheme.onS3() ? s3Class : localClass;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code sluice} or {@code delta-default}. */
    public static LogStoreKind parse(String text) {
        for (LogStoreKind k : values()) {
            if (k.id().equalsIgnoreCase(text.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("delta.logStore must be sluice or delta-default, got '" + text + "'");
    }
}
