package dev.sluice.trace;

import java.nio.file.Path;

/**
 * A trace that cannot be read (or written): the message is one line that names the trace (its
 * path, or {@code -} for standard input) and says what is wrong and where.
 */
public final class TraceException extends Exception {

    private final Path file;

    public TraceException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public TraceException(Path file, String problem) {
        this(file, problem, null);
    }

    /** For a trace read from a stream: {@code source} is what the user named ({@code -}). */
    public TraceException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.file = null;
    }

    public TraceException(String source, String problem) {
        this(source, problem, null);
    }

    /** The trace's file, or null when it was read from a stream. */
    public Path file() {
        return file;
    }
}
