package dev.sluice.engine.delta;

import java.io.IOException;

/** The S3 store behind a table ignores or refuses {@code If-None-Match: *} on PutObject. */
public final class ConditionalWritesUnsupportedException extends IOException {

    private static final long serialVersionUID = 1L;

    public ConditionalWritesUnsupportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
