package dev.sluice.trace;

import dev.sluice.event.Event;
import dev.sluice.event.EventKind;
import dev.sluice.event.RunInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code .sluice} traces. A truncated file (a killed recorder) loads up to its last complete
 * batch and says where it ends; a damaged or foreign file gets one {@link TraceException} naming the
 * file and the problem (and for a bad row: the batch, the row and the field). Every decoded event is
 * valid for its kind ({@link EventKind#checkStored}), so detectors never see an impossible one.
 * Nothing here can hang or allocate more than the file's size.
 */
public final class TraceReader {

    private static final Logger LOG = LoggerFactory.getLogger(TraceReader.class);
    /** The name a trace read from standard input goes by in messages. */
    public static final String STDIN = "-";
    /** Decompresses batch bodies wherever a trace is read: the one place for a compressing writer's codecs. */
    public static final CompressionCodec.Factory CODECS = TraceCodecs.INSTANCE;

    private TraceReader() {
    }

    /** Reads the whole trace into memory. */
    public static TraceContents readAll(Path file) throws TraceException {
        checkReadable(file);
        List<Event> events = new ArrayList<>();
        Outcome outcome = read(file, file.toString(), null, events::add);
        return new TraceContents(file, outcome.run, events, outcome.complete, outcome.warning, outcome.checksums);
    }

    /**
     * Reads a whole trace from a stream (a pipe, standard input), named {@code displayName} in
     * messages. The stream is spooled to a temporary file first: decoding needs to seek.
     */
    public static TraceContents readAll(InputStream in, String displayName) throws TraceException {
        Path spool = TraceSpool.copy(in, displayName);
        try {
            List<Event> events = new ArrayList<>();
            Outcome outcome = read(spool, displayName, null, events::add);
            return new TraceContents(Path.of(displayName), outcome.run, events, outcome.complete, outcome.warning,
                    outcome.checksums);
        } finally {
            TraceSpool.delete(spool, displayName);
        }
    }

    /**
     * Streams a trace already copied from a stream ({@link TraceSpool#copy}), named {@code displayName}
     * in messages, as {@link #stream(Path, Consumer, Consumer)} does a file.
     */
    public static Outcome streamSpooled(Path spool, String displayName, Consumer<RunInfo> onRun, Consumer<Event> sink)
            throws TraceException {
        return read(spool, displayName, onRun, sink);
    }

    /**
     * Refuses, in one line, a path that is not a regular file: a named pipe (reading it could wait
     * forever for a writer), a directory, a device or a socket. Never opens the path.
     */
    public static void checkReadable(Path file) throws TraceException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new TraceException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new TraceException(file, "permission denied", e);
        } catch (IOException e) {
            throw new TraceException(file, "cannot be read: " + reason(e), e);
        }
        if (attributes.isRegularFile()) {
            return;
        }
        if (attributes.isDirectory()) {
            throw new TraceException(file, "is a directory; give a .sluice file");
        }
        String what = "is not a regular file";
        try {
            int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
            what = switch (type) {
                case 0010000 -> "is a named pipe";
                case 0020000, 0060000 -> "is a device";
                case 0140000 -> "is a socket";
                default -> what;
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.debug("no unix file type for {}", file, e); // the generic wording stays right
        }
        throw new TraceException(file, what + "; use `sluice check - < FILE` or a regular file");
    }

    /** Streams every event to {@code sink} in recorded order (no events if {@code sink} is null). */
    public static void forEach(Path file, Consumer<Event> sink) throws TraceException {
        stream(file, null, sink);
    }

    /**
     * Streams the trace without keeping it: its run to {@code onRun} (if not null) before any event,
     * then every event to {@code sink} in recorded order (no events if {@code sink} is null).
     *
     * @return how the trace ended
     */
    public static Outcome stream(Path file, Consumer<RunInfo> onRun, Consumer<Event> sink) throws TraceException {
        checkReadable(file);
        return read(file, file.toString(), onRun, sink);
    }

    /**
     * How a trace ended.
     *
     * @param complete  whether the whole run is here (see {@link TraceContents#complete()})
     * @param warning   what was wrong with an incomplete file, or skipped (null when complete)
     * @param checksums whether the file's checksums were verified, or it has none (format 1)
     */
    public record Outcome(RunInfo run, boolean complete, String warning, TraceContents.Checksums checksums) { }

    /**
     * Thrown by a {@link #stream} callback to stop reading: it reaches the caller as it is, never
     * taken for damage in the trace.
     */
    public abstract static class SinkFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        protected SinkFailure(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static Outcome read(Path file, String name, Consumer<RunInfo> onRun, Consumer<Event> sink)
            throws TraceException {
        try (TraceCursor cursor = TraceCursor.open(file, name)) {
            if (onRun != null) {
                onRun.accept(cursor.run());
            }
            while (cursor.next(sink)) {
                // every batch to the sink
            }
            return cursor.outcome(sink != null);
        }
    }

    static String at(long offset) {
        return offset < 0 ? "" : " (byte " + offset + ")";
    }

    static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }


    static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return m == null || m.isBlank() ? "an input/output error" : m;
    }
}
