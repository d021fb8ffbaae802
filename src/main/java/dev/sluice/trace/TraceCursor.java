package dev.sluice.trace;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ValueVectorUtility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trace open for reading one record batch at a time, so a caller pulls events at its own pace (a
 * merge of several traces by time holds one batch of each, never a whole trace). Opening scans the
 * framing and verifies every checksum, so whether the trace is complete is known before its first
 * event. Every failure is one {@link TraceException}; the cursor is closed then.
 */
public final class TraceCursor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TraceCursor.class);
    private static final int DICTIONARIES = 2;

    private final String name;
    private final FileChannel channel;
    private final StreamFraming.Scan scan;
    private final BufferAllocator allocator;
    private final ArrowStreamReader reader;
    private final RunInfo run;
    private final RowDecoder decoder;
    private int batches;
    private long rows;
    private long lastTime;
    private boolean ended;
    private boolean closed;

    private TraceCursor(String name, FileChannel channel, StreamFraming.Scan scan, BufferAllocator allocator,
                        ArrowStreamReader reader, RunInfo run, RowDecoder decoder) {
        this.name = name;
        this.channel = channel;
        this.scan = scan;
        this.allocator = allocator;
        this.reader = reader;
        this.run = run;
        this.decoder = decoder;
    }

    /** Opens {@code file} (named {@code name} in messages): its framing, checksums, schema and run. */
    public static TraceCursor open(Path file, String name) throws TraceException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new TraceException(name, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new TraceException(name, "permission denied", e);
        } catch (IOException e) {
            throw new TraceException(name, "cannot be opened: " + TraceReader.reason(e), e);
        }
        BufferAllocator allocator = null;
        ArrowStreamReader reader = null;
        try {
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
            allocator = new RootAllocator(Math.max(64L << 20, scan.validEnd() * 2));
            reader = new ArrowStreamReader(new BoundedChannel(channel, scan.validEnd()), allocator, TraceReader.CODECS);
            Schema schema;
            try {
                schema = reader.getVectorSchemaRoot().getSchema();
            } catch (IOException | RuntimeException | StackOverflowError e) {
                throw new TraceException(name, "its schema (byte 0) is unreadable", e);
            }
            RunInfo run = runOf(name, schema);
            return new TraceCursor(name, channel, scan, allocator, reader, run, new RowDecoder(name, schema, run));
        } catch (TraceException e) {
            release(reader, allocator, channel, e, name);
            throw e;
        } catch (IOException e) {
            TraceException failure = new TraceException(name, "cannot be read: " + TraceReader.reason(e), e);
            release(reader, allocator, channel, failure, name);
            throw failure;
        }
    }

    /** The trace's run. */
    public RunInfo run() {
        return run;
    }

    /** Whether the whole run is here (see {@link TraceContents#complete()}), known from the framing alone. */
    public boolean complete() {
        return scan.complete();
    }

    /**
     * Decodes the next record batch, every event to {@code sink} in recorded order (with a null sink:
     * the batch is framed and checked, its rows not decoded).
     *
     * @return false once there is no batch left (nothing was given to {@code sink} then)
     */
    public boolean next(Consumer<Event> sink) throws TraceException {
        if (ended) {
            return false;
        }
        if (closed) { // it failed or was closed: its reader is released, never read again
            throw new IllegalStateException(name + ": read after the trace failed or was closed");
        }
        try {
            if (!readNext()) {
                ended = true;
                return false;
            }
            if (reader.getVectorSchemaRoot().getRowCount() == 0 && batches == scan.recordBatches()) {
                ended = true; // the closing batch
                return false;
            }
            batches++;
            if (sink != null) {
                long[] stats = decoder.decode(reader, sink, batches, scan.offsetOf(batches));
                rows += stats[0];
                lastTime = Math.max(lastTime, stats[1]);
            }
            return true;
        } catch (TraceException e) {
            fail(e);
            throw e;
        } catch (IOException e) {
            TraceException failure = new TraceException(name, "cannot be read: " + TraceReader.reason(e), e);
            fail(failure);
            throw failure;
        } catch (RuntimeException e) {
            close(); // a sink's own failure (TraceReader.SinkFailure) goes out as it is
            throw e;
        }
    }

    /** How the trace ended; once {@link #next} returned false. */
    public TraceReader.Outcome outcome(boolean decoded) {
        if (!ended) {
            throw new IllegalStateException(name + ": the outcome is known only after the last batch");
        }
        String warning = null;
        if (!scan.complete()) {
            warning = "the trace is incomplete (" + scan.truncation() + "); loaded " + batches + " complete batches"
                    + (decoded ? " (" + rows + " events, up to run time " + seconds(lastTime) + ")" : "")
                    + " up to byte " + scan.validEnd();
        }
        if (decoder.skipped > 0) {
            String skippedNote = decoder.skipped + " events of kinds this Sluice does not know were skipped";
            warning = warning == null ? skippedNote : warning + "; " + skippedNote;
        }
        // skipped kinds of a newer Sluice leave the trace complete: only the warning says so
        return new TraceReader.Outcome(run, scan.complete(), warning,
                scan.checksummed() ? TraceContents.Checksums.VERIFIED : TraceContents.Checksums.ABSENT);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            release(reader, allocator, channel, null, name);
        }
    }

    private void fail(TraceException failure) {
        if (!closed) {
            closed = true;
            release(reader, allocator, channel, failure, name);
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    private boolean readNext() throws TraceException {
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
            throw new TraceException(name, "record batch " + (batches + 1) + TraceReader.at(scan.offsetOf(batches + 1))
                    + " is damaged: its buffers do not match its declared layout", e);
        }
    }

    /**
     * Closes the reader (its vectors and dictionaries), the allocator, then the file. Arrow leaves a
     * damaged batch's buffers allocated when it fails half way, so after a failure the allocator's leak
     * report is expected: it goes with the failure (for --verbose), never into its message.
     */
    private static void release(ArrowStreamReader reader, BufferAllocator allocator, FileChannel channel,
                                TraceException failure, String name) {
        List<Exception> problems = new ArrayList<>();
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException | RuntimeException e) {
                problems.add(e);
            }
        }
        if (allocator != null) {
            try {
                allocator.close();
            } catch (RuntimeException e) {
                problems.add(e);
            }
        }
        try {
            channel.close();
        } catch (IOException e) {
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

    private static RunInfo runOf(String name, Schema schema) throws TraceException {
        Map<String, String> meta = schema.getCustomMetadata();
        String format = meta == null ? null : meta.get(TraceSchema.META_FORMAT);
        if (format == null) {
            throw new TraceException(name, "an Arrow stream, but not a Sluice trace (no " + TraceSchema.META_FORMAT
                    + " in its schema metadata)");
        }
        if (!format.matches("[1-9][0-9]{0,8}")) {
            throw new TraceException(name, "unreadable trace format version '" + TraceReader.printable(format) + "'");
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
}
