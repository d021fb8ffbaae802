package dev.sluice.engine.s3;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Who creates and closes the reader's clients. */
public enum Lifecycle {
    /** One client for all workers, created and closed by the reader's owner (the right way). */
    SHARED("shared"),
    /** One client per pool thread, cached in a ThreadLocal and never closed (iceberg-python #2495). */
    PER_THREAD("per-thread"),
    /** A client created and closed for every request (churn). */
    PER_REQUEST("per-request");

    private final String id;

    Lifecycle(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Lifecycle parse(String text) {
        for (Lifecycle l : values()) {
            if (l.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown S3 client lifecycle '" + text + "'; known: "
                + Arrays.stream(values()).map(Lifecycle::id).collect(Collectors.joining(", ")));
    }
}
