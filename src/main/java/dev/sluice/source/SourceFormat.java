package dev.sluice.source;

import java.util.List;

/**
 * One kind of recorded input Sluice opens (a trace, a packet capture, a Delta table): it recognises
 * an argument by its content, never by its name alone, and opens it as a {@link RecordedSource}.
 * Registered in {@link SourceFormats}.
 */
public interface SourceFormat {

    SourceKind kind();

    /** What it opens, for help and error text ("Sluice trace (.sluice)"). */
    String description();

    /** File name extensions the console's Open dialog offers for it (without the dot); empty for directories. */
    List<String> extensions();

    /**
     * Whether {@code argument} (a path, {@code -}, an s3:// URI) is of this format, by its content:
     * its first bytes, or a directory's layout. Never throws for an argument it does not know.
     */
    boolean recognises(String argument);

    /** Opens {@code argument}; reading starts when the source is streamed. */
    RecordedSource open(String argument) throws SourceException;
}
