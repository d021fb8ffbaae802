package dev.sluice.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trace from a stream (a pipe, standard input) copied to a temporary file: decoding needs to seek
 * (the framing is scanned and every checksum verified before a row is decoded). The copy is on disk,
 * so the heap stays bounded whatever the trace's size.
 */
public final class TraceSpool {

    private static final Logger LOG = LoggerFactory.getLogger(TraceSpool.class);
    /** The most `check -` copies from standard input before it refuses. */
    static final long MAX_SPOOL = 4L << 30;

    private TraceSpool() {
    }

    /**
     * Copies {@code in} to a new temporary file (deleted when the JVM exits at the latest), named
     * {@code displayName} in messages; the caller deletes it with {@link #delete} when done.
     */
    public static Path copy(InputStream in, String displayName) throws TraceException {
        Path spool;
        try {
            spool = Files.createTempFile("sluice-trace-", ".sluice");
            spool.toFile().deleteOnExit(); // also when the JVM ends mid-copy (Ctrl-C)
        } catch (IOException e) {
            throw new TraceException(displayName, "cannot make a temporary file to hold it: "
                    + TraceReader.reason(e), e);
        }
        boolean copiedWhole = false;
        try {
            long copied = 0;
            try (var out = Files.newOutputStream(spool)) {
                byte[] buffer = new byte[1 << 16];
                // one byte past the cap tells a too-large stream from one exactly at it
                for (int n; copied <= MAX_SPOOL && (n = in.read(buffer)) > 0; copied += n) {
                    out.write(buffer, 0, n);
                }
            }
            if (copied > MAX_SPOOL) {
                throw new TraceException(displayName, "is larger than " + (MAX_SPOOL >> 30)
                        + " GiB, more than a trace on standard input may be; save it to a file and check that");
            }
            copiedWhole = true;
            return spool;
        } catch (IOException e) {
            throw new TraceException(displayName, "cannot be read: " + TraceReader.reason(e), e);
        } finally {
            if (!copiedWhole) {
                delete(spool, displayName);
            }
        }
    }

    /** Deletes a copy made by {@link #copy}; a failure is logged (the JVM's exit deletes it then). */
    public static void delete(Path spool, String displayName) {
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            LOG.warn("could not delete the temporary copy {} of {}: {}", spool, displayName, TraceReader.reason(e));
        }
    }
}
