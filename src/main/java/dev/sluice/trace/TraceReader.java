package dev.sluice.trace;

import dev.sluice.event.Event;
import dev.sluice.event.EventKind;
import dev.sluice.event.RunInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ValueVectorUtility;
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
    private static final int DICTIONARIES = 2;
    /** Decompresses batch bodies wherever a trace is read: the one place for a compressing writer's codecs. */
    public static final CompressionCodec.Factory CODECS = TraceCodecs.INSTANCE;
    /** The most `check -` copies from standard input before it refuses. */
    private static final long MAX_SPOOL = 4L << 30;

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
        Path spool;
        try {
            spool = Files.createTempFile("sluice-trace-", ".sluice");
            spool.toFile().deleteOnExit(); // also when the JVM ends mid-copy (Ctrl-C)
        } catch (IOException e) {
            throw new TraceException(displayName, "cannot make a temporary file to hold it: " + reason(e), e);
        }
        try {
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
            } catch (IOException e) {
                throw new TraceException(displayName, "cannot be read: " + reason(e), e);
            }
            List<Event> events = new ArrayList<>();
            Outcome outcome = read(spool, displayName, null, events::add);
            return new TraceContents(Path.of(displayName), outcome.run, events, outcome.complete, outcome.warning,
                    outcome.checksums);
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                LOG.warn("could not delete the temporary copy {} of {}: {}", spool, displayName, reason(e));
            }
        }
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
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new TraceException(name, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new TraceException(name, "permission denied", e);
        } catch (IOException e) {
            throw new TraceException(name, "cannot be opened: " + reason(e), e);
        }
        try (channel) {
            StreamFraming.Scan scan;
            try {
                scan = StreamFraming.scan(channel);
            } catch (StreamFraming.Damage d) {
                throw new TraceException(name, d.getMessage(), d);
            }
            if (!scan.complete() && scan.recordBatches() == 0 && scan.dictionaries() < DICTIONARIES) {
                throw new TraceException(name, "the trace is cut short inside its header (" + scan.truncation()
                        + "); it holds no events");
            }
            return decode(channel, scan, name, onRun, sink, CODECS);
        } catch (IOException e) {
            throw new TraceException(name, "cannot be read: " + reason(e), e);
        }
    }

    private static Outcome decode(FileChannel channel, StreamFraming.Scan scan, String name, Consumer<RunInfo> onRun,
                                  Consumer<Event> sink, CompressionCodec.Factory codecs) throws TraceException {
        long limit = Math.max(64L << 20, scan.validEnd() * 2);
        BufferAllocator allocator = new RootAllocator(limit);
        ArrowStreamReader reader = null;
        TraceException failure = null;
        try {
            reader = new ArrowStreamReader(new BoundedChannel(channel, scan.validEnd()), allocator, codecs);
            Schema schema;
            try {
                schema = reader.getVectorSchemaRoot().getSchema();
            } catch (IOException | RuntimeException | StackOverflowError e) {
                throw new TraceException(name, "its schema (byte 0) is unreadable", e);
            }
            RunInfo run = runOf(name, schema);
            RowDecoder decoder = new RowDecoder(name, schema, run);
            if (onRun != null) {
                onRun.accept(run);
            }
            int batches = 0;
            long rows = 0;
            long lastTime = 0;
            while (readNext(reader, name, scan, batches)) {
                if (reader.getVectorSchemaRoot().getRowCount() == 0 && batches == scan.recordBatches()) {
                    break; // the closing batch
                }
                batches++;
                if (sink != null) {
                    long[] stats = decoder.decode(reader, sink, batches, scan.offsetOf(batches));
                    rows += stats[0];
                    lastTime = Math.max(lastTime, stats[1]);
                }
            }
            String warning = null;
            if (!scan.complete()) {
                warning = "the trace is incomplete (" + scan.truncation() + "); loaded " + batches + " complete batches"
                        + (sink == null ? "" : " (" + rows + " events, up to run time " + seconds(lastTime) + ")")
                        + " up to byte " + scan.validEnd();
            }
            if (decoder.skipped > 0) {
                String skippedNote = decoder.skipped + " events of kinds this Sluice does not know were skipped";
                warning = warning == null ? skippedNote : warning + "; " + skippedNote;
            }
            // skipped kinds of a newer Sluice leave the trace complete: only the warning says so
            return new Outcome(run, scan.complete(), warning,
                    scan.checksummed() ? TraceContents.Checksums.VERIFIED : TraceContents.Checksums.ABSENT);
        } catch (TraceException e) {
            failure = e;
            throw e;
        } catch (IOException e) {
            failure = new TraceException(name, "cannot be read: " + reason(e), e);
            throw failure;
        } finally {
            release(reader, allocator, failure, name);
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /**
     * Closes the reader (its vectors and dictionaries), then the allocator. Arrow leaves a damaged
     * batch's buffers allocated when it fails half way, so after a failure the allocator's leak
     * report is expected: it goes with the failure (for --verbose), never into its message.
     */
    private static void release(ArrowStreamReader reader, BufferAllocator allocator, TraceException failure, String name) {
        List<Exception> problems = new ArrayList<>();
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException | RuntimeException e) {
                problems.add(e);
            }
        }
        try {
            allocator.close();
        } catch (RuntimeException e) {
            problems.add(e);
        }
        for (Exception p : problems) {
            if (failure != null) {
                failure.addSuppressed(p);
            } else {
                LOG.warn("reading {} did not release all Arrow memory", name, p);
            }
        }
    }

    private static boolean readNext(ArrowStreamReader reader, String name, StreamFraming.Scan scan, int batches)
            throws TraceException {
        try {
            boolean loaded = reader.loadNextBatch();
            if (loaded) {
                // buffer sizes come from the file: check them before any value is read (text offsets
                // are checked per value by StringColumn, which is cheaper than validateFull's UTF-8 scan)
                for (FieldVector v : reader.getVectorSchemaRoot().getFieldVectors()) {
                    ValueVectorUtility.validate(v);
                }
                for (Dictionary d : reader.getDictionaryVectors().values()) {
                    ValueVectorUtility.validate(d.getVector()); // format 3: a batch's own dictionaries
                }
            }
            return loaded;
        } catch (IOException | RuntimeException e) {
            throw new TraceException(name, "record batch " + (batches + 1) + at(scan.offsetOf(batches + 1))
                    + " is damaged: its buffers do not match its declared layout", e);
        }
    }

    static String at(long offset) {
        return offset < 0 ? "" : " (byte " + offset + ")";
    }

    private static RunInfo runOf(String name, Schema schema) throws TraceException {
        Map<String, String> meta = schema.getCustomMetadata();
        String format = meta == null ? null : meta.get(TraceSchema.META_FORMAT);
        if (format == null) {
            throw new TraceException(name, "an Arrow stream, but not a Sluice trace (no " + TraceSchema.META_FORMAT
                    + " in its schema metadata)");
        }
        if (!format.matches("[1-9][0-9]{0,8}")) {
            throw new TraceException(name, "unreadable trace format version '" + printable(format) + "'");
        }
        int version = Integer.parseInt(format);
        if (version > TraceSchema.FORMAT_VERSION) {
            throw new TraceException(name, "written by a newer Sluice (trace format " + version
                    + "; this version reads up to " + TraceSchema.FORMAT_VERSION + ")");
        }
        try {
            return TraceSchema.parseRun(meta.get(TraceSchema.META_RUN));
        } catch (IllegalArgumentException e) {
            throw new TraceException(name, "its run description (" + TraceSchema.META_RUN + ") is damaged: "
                    + e.getMessage(), e);
        }
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


    /** Exposes only the first {@code limit} bytes of the file, from its start. */
    private static final class BoundedChannel implements ReadableByteChannel {
        private final FileChannel channel;
        private final long limit;
        private long position;

        BoundedChannel(FileChannel channel, long limit) {
            this.channel = channel;
            this.limit = limit;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (position >= limit) {
                return -1;
            }
            int max = (int) Math.min(dst.remaining(), limit - position);
            ByteBuffer slice = dst.slice();
            slice.limit(max);
            int n = channel.read(slice, position);
            if (n > 0) {
                dst.position(dst.position() + n);
                position += n;
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            // the reader owns the FileChannel; closing happens there
        }
    }
}
