package dev.sluice.source;

import dev.sluice.event.Event;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceCursor;
import dev.sluice.trace.TraceException;
import dev.sluice.trace.TraceReader;
import dev.sluice.trace.TraceSpool;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sluice's own traces (an Arrow IPC stream, format 1 to 3), from a file or from standard input ({@code -}). */
public final class TraceFileFormat implements SourceFormat {

    private static final Logger LOG = LoggerFactory.getLogger(TraceFileFormat.class);
    /** Every Arrow IPC stream message starts with this continuation marker. */
    private static final byte[] ARROW_STREAM = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    /** Standard input paths: a pipe there is the user's own stream, not a named pipe to refuse. */
    private static final Set<String> STDIN_PATHS = Set.of("/dev/stdin", "/dev/fd/0", "/proc/self/fd/0");

    @Override
    public SourceKind kind() {
        return SourceKind.TRACE;
    }

    @Override
    public String description() {
        return "Sluice trace (.sluice)";
    }

    @Override
    public List<String> extensions() {
        return List.of("sluice");
    }

    @Override
    public boolean recognises(String argument) {
        return isStdin(argument) || SourceFormats.startsWith(argument, ARROW_STREAM);
    }

    @Override
    public RecordedSource open(String argument) throws SourceException {
        if (isStdin(argument)) {
            return new StdinTrace(argument);
        }
        try {
            return new TraceFile(argument, Path.of(argument));
        } catch (InvalidPathException e) {
            throw new SourceException(argument, "is not a valid path", e);
        }
    }

    static boolean isStdin(String argument) {
        return TraceReader.STDIN.equals(argument)
                || (STDIN_PATHS.contains(argument) && !Files.isRegularFile(Path.of(argument)));
    }

    /** A trace that can also be read one batch at a time: what a merge pulls its parts through. */
    interface Batched extends RecordedSource {
        /** Opens the trace for reading batch by batch; close the cursor, then {@link #release} this. */
        TraceCursor cursor() throws SourceException;

        /** Drops what {@link #cursor} kept outside the cursor (a copy of standard input). */
        default void release() {
        }
    }

    private record TraceFile(String name, Path file) implements Batched {
        @Override
        public SourceKind kind() {
            return SourceKind.TRACE;
        }

        /** Streams the events as they are decoded, batch by batch: nothing is kept. */
        @Override
        public Ending stream(RecordingSink sink) throws SourceException {
            try {
                TraceReader.checkReadable(file);
            } catch (TraceException e) {
                throw SourceException.of(e);
            }
            return streamed(file, file.toString(), sink);
        }

        @Override
        public TraceContents readAll() throws SourceException {
            try {
                return TraceReader.readAll(file);
            } catch (TraceException e) {
                throw SourceException.of(e);
            }
        }

        @Override
        public TraceCursor cursor() throws SourceException {
            try {
                TraceReader.checkReadable(file);
                return TraceCursor.open(file, file.toString());
            } catch (TraceException e) {
                throw SourceException.of(e);
            }
        }

        /** Framing and every batch's checksum, without decoding rows. */
        @Override
        public Ending check() throws SourceException {
            try {
                TraceReader.forEach(file, null);
            } catch (TraceException e) {
                throw SourceException.of(e);
            }
            return Ending.whole();
        }
    }

    /** Streams a trace file batch by batch to {@code sink}, a sink's refusal passed on as it is. */
    private static RecordedSource.Ending streamed(Path file, String name, RecordingSink sink) throws SourceException {
        try {
            TraceReader.Outcome o = TraceReader.streamSpooled(file, name, run -> refused(() -> sink.open(run)),
                    e -> refused(() -> sink.accept(e)));
            return new RecordedSource.Ending(o.complete(), o.warning(), o.checksums());
        } catch (TraceException e) {
            throw SourceException.of(e);
        } catch (SinkRefused r) {
            throw r.reason;
        }
    }

    /**
     * Standard input, copied to a temporary file on first use (decoding seeks; the heap stays bounded
     * whatever the trace's size) and streamed from there like a file.
     */
    private static final class StdinTrace implements Batched {
        private final String name;
        private Path spool;

        StdinTrace(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SourceKind kind() {
            return SourceKind.TRACE;
        }

        @Override
        public Ending stream(RecordingSink sink) throws SourceException {
            try {
                return streamed(spooled(), TraceReader.STDIN, sink);
            } finally {
                release();
            }
        }

        @Override
        public TraceContents readAll() throws SourceException {
            List<Event> events = new ArrayList<>();
            try {
                TraceReader.Outcome o = TraceReader.streamSpooled(spooled(), TraceReader.STDIN, null, events::add);
                return new TraceContents(Path.of(TraceReader.STDIN), o.run(), events, o.complete(), o.warning(),
                        o.checksums());
            } catch (TraceException e) {
                throw SourceException.of(e);
            } finally {
                release();
            }
        }

        @Override
        public TraceCursor cursor() throws SourceException {
            try {
                return TraceCursor.open(spooled(), TraceReader.STDIN);
            } catch (TraceException e) {
                throw SourceException.of(e);
            }
        }

        @Override
        public void release() {
            if (spool != null) {
                TraceSpool.delete(spool, name);
                spool = null;
            }
        }

        private Path spooled() throws SourceException {
            if (spool == null) {
                if (stdinIsTerminal()) {
                    throw new SourceException(name, "standard input is a terminal; use `sluice check - < FILE`");
                }
                try {
                    spool = TraceSpool.copy(System.in, TraceReader.STDIN);
                } catch (TraceException e) {
                    throw SourceException.of(e);
                }
            }
            return spool;
        }
    }

    /** A step of a sink that may refuse. */
    private interface SinkStep {
        void run() throws SourceException;
    }

    /** Carries a sink's refusal out through the trace reader's callbacks. */
    private static final class SinkRefused extends TraceReader.SinkFailure {
        private static final long serialVersionUID = 1L;
        private final transient SourceException reason;

        SinkRefused(SourceException reason) {
            super(reason);
            this.reason = reason;
        }
    }

    private static void refused(SinkStep step) {
        try {
            step.run();
        } catch (SourceException e) {
            throw new SinkRefused(e);
        }
    }

    /** The trace reader's own one-line refusal of a path (no such file, a directory, a pipe), or null if readable. */
    static SourceException unreadable(String argument) {
        try {
            TraceReader.checkReadable(Path.of(argument));
            return null;
        } catch (TraceException e) {
            return SourceException.of(e);
        } catch (InvalidPathException e) {
            LOG.debug("not a path: {}", argument, e);
            return new SourceException(argument, "is not a valid path", e);
        }
    }

    static byte[] head(Path file, int n) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    /** Whether standard input is a terminal; from JDK 22 on, System.console() is there even when it is not. */
    @SuppressWarnings("SystemConsoleNull") // handled: isTerminal() where there is one (JDK 22+), null before
    static boolean stdinIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before JDK 22 there is a console only for a terminal
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Console.isTerminal() failed: " + e, e);
        }
    }
}
