package dev.sluice.trace;

import java.nio.file.Path;

/** A trace that cannot be read (or written): the message names the file and what is wrong. */
public final class TraceException extends Exception {

    private final Path file;

    public TraceException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public TraceException(Path file, String problem) {
        this(file, problem, null);
    }

    public Path file() {
        return file;
    }
}
