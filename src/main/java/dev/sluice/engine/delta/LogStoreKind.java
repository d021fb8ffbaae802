package dev.sluice.engine.delta;

import java.util.Locale;

/** Which log store publishes commit files of {@code file:} tables ({@code delta.logStore}). */
public enum LogStoreKind {
    /** {@link SluiceLocalLogStore}: atomic publish, fails if the version exists. */
    SLUICE(SluiceLocalLogStore.class.getName()),
    /** delta-standalone's default local store: check, then rename; safe only within one instance. */
    DELTA_DEFAULT("io.delta.storage.LocalLogStore");

    private final String className;

    LogStoreKind(String className) {
        this.className = className;
    }

    /** The class named in {@code delta.logStore.file.impl}. */
    public String className() {
        return className;
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
