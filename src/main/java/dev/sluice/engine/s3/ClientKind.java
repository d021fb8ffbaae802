package dev.sluice.engine.s3;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which HTTP stack a client uses. */
public enum ClientKind {
    /** {@code S3AsyncClient} on the Netty NIO HTTP client: event loops and a completion executor. */
    NETTY("netty"),
    /**
     * {@code S3AsyncClient.crtBuilder()}: the AWS Common Runtime's native event loops (shared by
     * every CRT client in the process) and a completion executor.
     */
    CRT("crt"),
    /** {@code S3Client} on the JDK's URL connection on the reader's own pool threads. */
    SYNC("sync");

    private final String id;

    ClientKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean async() {
        return this != SYNC;
    }

    public static ClientKind parse(String text) {
        for (ClientKind k : values()) {
            if (k.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown S3 client kind '" + text + "'; known: "
                + Arrays.stream(values()).map(ClientKind::id).collect(Collectors.joining(", ")));
    }
}
