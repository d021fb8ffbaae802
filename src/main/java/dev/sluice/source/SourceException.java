package dev.sluice.source;

/** A source that cannot be opened or read: one line for the user, naming the source and the place. */
public final class SourceException extends Exception {

    private static final long serialVersionUID = 1L;

    /** {@code source} is the argument as the user gave it (a path, an s3:// URI, host:port). */
    public SourceException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }

    public SourceException(String source, String problem) {
        this(source, problem, null);
    }

    /** A message that already names its source (a trace reader's), kept as it is. */
    public static SourceException of(Exception named) {
        return new SourceException(named.getMessage(), named);
    }

    private SourceException(String message, Exception cause) {
        super(message, cause);
    }
}
