package dev.sluice.trace;

import dev.sluice.event.Event;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Records the event stream to a {@code .sluice} file (Arrow IPC stream). Runs as a pipeline sink,
 * so it writes on the dispatcher thread, never on a probe's. A batch goes to the file every
 * {@value #BATCH_ROWS} events or every 200 ms, whichever comes first, straight to the OS (no user
 * space buffer), so a process killed with SIGKILL leaves a file that reads up to its last batch.
 * Every batch carries a chained checksum, and {@link #close()} ends the trace with an empty closing
 * batch (see {@link TraceIntegrity}).
 */
public final class TraceWriter implements EventSink {

    static final int BATCH_ROWS = 8192;
    private static final long FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Path file;
    private BufferAllocator allocator;
    private FileChannel channel;
    private VectorSchemaRoot root;
    private TraceIntegrity.ChecksummedStreamWriter writer;
    private DictionaryProvider.MapDictionaryProvider dictionaries;
    private BigIntVector time;
    private SmallIntVector engine;
    private SmallIntVector kind;
    private VarCharVector thread;
    private BigIntVector threadId;
    private VarCharVector[] text;
    private BigIntVector[] integers;
    private int rows;
    private long lastFlush = System.nanoTime();
    private String lastThread;
    private byte[] lastThreadBytes;
    private final String[] lastText = new String[EventCatalog.TEXT_SLOTS];
    private final byte[][] lastTextBytes = new byte[EventCatalog.TEXT_SLOTS][];
    private volatile long bytesWritten;
    private volatile long eventsWritten;
    /** A write failed: events after it are missing, so close() must not mark the trace complete. */
    private volatile boolean failed;
    /** The source ended early: close without the closing batch. */
    private boolean cut;

    public TraceWriter(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Bytes in the file so far (safe to read from any thread). */
    public long bytesWritten() {
        return bytesWritten;
    }

    public long eventsWritten() {
        return eventsWritten;
    }

    /** Whether a write failed (the file then reads as incomplete: no closing batch, no end marker). */
    public boolean failed() {
        return failed;
    }

    @Override
    public void open(RunInfo run) throws IOException {
        allocator = new RootAllocator();
        Schema schema = TraceSchema.schema(run);
        root = VectorSchemaRoot.create(schema, allocator);
        dictionaries = new DictionaryProvider.MapDictionaryProvider();
        dictionaries.put(dictionary(TraceSchema.ENGINE_DICTIONARY_ID, TraceSchema.engineDictionary()));
        dictionaries.put(dictionary(TraceSchema.KIND_DICTIONARY_ID, TraceSchema.kindDictionary()));
        time = (BigIntVector) root.getVector(TraceSchema.TIME);
        engine = (SmallIntVector) root.getVector(TraceSchema.ENGINE);
        kind = (SmallIntVector) root.getVector(TraceSchema.KIND);
        thread = (VarCharVector) root.getVector(TraceSchema.THREAD);
        threadId = (BigIntVector) root.getVector(TraceSchema.THREAD_ID);
        text = new VarCharVector[EventCatalog.TEXT_SLOTS];
        for (int i = 0; i < text.length; i++) {
            text[i] = (VarCharVector) root.getVector(TraceSchema.textSlot(i));
        }
        integers = new BigIntVector[EventCatalog.INTEGER_SLOTS];
        for (int i = 0; i < integers.length; i++) {
            integers[i] = (BigIntVector) root.getVector(TraceSchema.integerSlot(i));
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        int schemaChecksum = TraceIntegrity.parseHex(schema.getCustomMetadata().get(TraceSchema.META_CHECKSUM));
        writer = new TraceIntegrity.ChecksummedStreamWriter(root, dictionaries, channel, schemaChecksum);
        writer.start();
        bytesWritten = writer.bytesWritten();
    }

    private Dictionary dictionary(long id, List<String> values) {
        VarCharVector v = new VarCharVector("dictionary-" + id, allocator);
        v.allocateNew(values.size());
        for (int i = 0; i < values.size(); i++) {
            v.setSafe(i, values.get(i).getBytes(StandardCharsets.UTF_8));
        }
        v.setValueCount(values.size());
        return new Dictionary(v, new DictionaryEncoding(id, false, new ArrowType.Int(16, true)));
    }

    @Override
    public void accept(List<Event> batch) throws IOException {
        try {
            for (Event e : batch) {
                append(e);
                if (rows == BATCH_ROWS) {
                    writeBatch();
                }
            }
        } catch (Throwable t) {
            failed = true;
            throw t;
        }
    }

    private void append(Event e) {
        int row = rows++;
        EventKind k = EventCatalog.of(e.body());
        time.setSafe(row, e.timeNanos());
        @SuppressWarnings("EnumOrdinal") // the file's engine dictionary is in Engine.values() order (TraceSchema)
        int engineIndex = k.engine().ordinal();
        engine.setSafe(row, engineIndex);
        kind.setSafe(row, EventCatalog.indexOf(e.body()));
        if (!Objects.equals(e.thread(), lastThread)) {
            lastThread = e.thread();
            lastThreadBytes = lastThread == null ? null : lastThread.getBytes(StandardCharsets.UTF_8);
        }
        if (lastThreadBytes != null) {
            thread.setSafe(row, lastThreadBytes);
        }
        threadId.setSafe(row, e.threadId());
        Object[] values = k.values(e.body());
        List<EventKind.Field> fields = k.fields();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            EventKind.Field f = fields.get(i);
            if (v instanceof String s) {
                text[f.slotIndex()].setSafe(row, utf8(f.slotIndex(), s));
            } else {
                integers[f.slotIndex()].setSafe(row, (Long) v);
            }
        }
    }

    /** UTF-8 of a text slot's value, reusing the last encoding when the same String repeats. */
    private byte[] utf8(int slot, String s) {
        if (!s.equals(lastText[slot])) {
            lastText[slot] = s;
            lastTextBytes[slot] = s.getBytes(StandardCharsets.UTF_8);
        }
        return lastTextBytes[slot];
    }

    @Override
    public void tick() throws IOException {
        if (rows > 0 && System.nanoTime() - lastFlush >= FLUSH_NANOS) {
            writeBatch();
        }
    }

    /** Writes what is buffered as a batch now (recorders call this on pause or stop). */
    public void flushNow() throws IOException {
        if (rows > 0) {
            writeBatch();
        }
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the pipeline's dispatcher thread
    private void writeBatch() throws IOException {
        if (failed) {
            throw new IOException("an earlier write to " + file + " failed");
        }
        root.setRowCount(rows);
        try {
            writer.writeBatch();
        } catch (Throwable t) {
            failed = true;
            throw t;
        }
        eventsWritten += rows;
        bytesWritten = writer.bytesWritten();
        rows = 0;
        lastFlush = System.nanoTime();
        // setRowCount(0) alone keeps validity bits from the last batch; reset clears them
        for (var v : root.getFieldVectors()) {
            v.reset();
        }
    }

    /**
     * Closes a trace whose source was incomplete (an import of a cut capture or log): every event is
     * written, but not the closing batch, so the trace reads as incomplete and its findings as unconfirmed.
     */
    public void closeIncomplete() throws IOException {
        cut = true;
        close();
    }

    @Override
    public void close() throws IOException {
        if (writer == null) {
            return;
        }
        try {
            if (failed) {
                return; // only release: no closing batch, no end marker, so the file reads as incomplete
            }
            if (rows > 0) {
                writeBatch();
            }
            if (cut) {
                return; // the source was incomplete: no closing batch, so the copy reads as incomplete too
            }
            root.setRowCount(0);
            writer.writeClosingBatch();
            writer.end();
            bytesWritten = writer.bytesWritten();
        } finally {
            if (failed || cut) {
                writer.abandon(); // ArrowWriter.close() would write the end marker
            }
            writer.close();
            root.close();
            for (long id : dictionaries.getDictionaryIds()) {
                dictionaries.lookup(id).getVector().close();
            }
            channel.close();
            allocator.close();
            writer = null;
        }
    }
}
