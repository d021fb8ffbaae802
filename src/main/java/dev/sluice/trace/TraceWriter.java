package dev.sluice.trace;

import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Records the event stream to a {@code .sluice} file (Arrow IPC stream). Runs as a pipeline sink,
 * so it stages rows on the dispatcher thread, never on a probe's; each sealed batch is compressed,
 * checksummed and written on the writer's own output thread ({@link BatchOutput}) while the next
 * one is staged. A batch goes to the file every {@value #BATCH_ROWS} events or every 200 ms,
 * whichever comes first, in one write straight to the OS (no user space buffer after it), so a
 * process killed with SIGKILL leaves a file that reads up to its last batch.
 * Every batch carries a chained checksum, and {@link #close()} ends the trace with an empty closing
 * batch (see {@link TraceIntegrity}). A batch also ends early when an int8-indexed dictionary (the
 * threads, the time bases) holds all the 128 values its indices can address.
 */
public final class TraceWriter implements EventSink {

    static final int BATCH_ROWS = TraceSchema.MAX_BATCH_ROWS;
    private static final long FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Rows whose kinds are looked up before they are written (see {@link #accept}). */
    private static final int AHEAD = 32;
    private final KindEncoder[] ahead = new KindEncoder[AHEAD];

    private final Path file;
    private final TraceCompression compression;
    private BufferAllocator allocator;
    private FileChannel channel;
    private BatchChannel batches;
    private BatchOutput output;
    private VectorSchemaRoot root;
    private TraceIntegrity.ChecksummedStreamWriter writer;
    private DictionaryProvider.MapDictionaryProvider dictionaries;
    private final List<BatchDictionary> batchDictionaries = new ArrayList<>();
    private BatchDictionary.Numbers timeBase;
    private ColumnBuffer timeOffset;
    private ColumnBuffer engine;
    private ColumnBuffer kind;
    private BatchDictionary.Text thread;
    private BatchDictionary.Numbers threadId;
    private BatchDictionary.Text[] text;
    private BatchDictionary.Numbers[] integers;
    private int rows;
    private long lastFlush = System.nanoTime();
    private volatile long bytesWritten;
    private volatile long eventsWritten;
    /** A write failed: events after it are missing, so close() must not mark the trace complete. */
    private volatile boolean failed;
    /** The source ended early: close without the closing batch. */
    private boolean cut;

    public TraceWriter(Path file) {
        this(file, TraceCompression.NONE);
    }

    /** A writer whose record and dictionary batches are compressed (Arrow IPC body compression). */
    public TraceWriter(Path file, TraceCompression compression) {
        this.file = file;
        this.compression = compression;
    }

    public TraceCompression compression() {
        return compression;
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

    /**
     * CPU time of the writer's output thread so far (compressing, checksumming and writing batches),
     * beside the dispatcher's own; 0 before {@link #open}.
     */
    public long outputCpuNanos() {
        return output == null ? 0 : output.cpuNanos();
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
        for (FieldVector v : root.getFieldVectors()) {
            v.setInitialCapacity(BATCH_ROWS);
            v.allocateNew();
        }
        dictionaries = new DictionaryProvider.MapDictionaryProvider();
        dictionaries.put(dictionary(root.getVector(TraceSchema.ENGINE), TraceSchema.engineDictionary()));
        dictionaries.put(dictionary(root.getVector(TraceSchema.KIND), TraceSchema.kindDictionary()));
        timeBase = numberDictionary(TraceSchema.TIME_BASE);
        timeOffset = new ColumnBuffer((BaseFixedWidthVector) root.getVector(TraceSchema.TIME_OFFSET), BATCH_ROWS);
        engine = new ColumnBuffer((BaseFixedWidthVector) root.getVector(TraceSchema.ENGINE), BATCH_ROWS);
        kind = new ColumnBuffer((BaseFixedWidthVector) root.getVector(TraceSchema.KIND), BATCH_ROWS);
        thread = textDictionary(TraceSchema.THREAD);
        threadId = numberDictionary(TraceSchema.THREAD_ID);
        text = new BatchDictionary.Text[EventCatalog.TEXT_SLOTS];
        for (int i = 0; i < text.length; i++) {
            text[i] = textDictionary(TraceSchema.textSlot(i));
        }
        integers = new BatchDictionary.Numbers[EventCatalog.INTEGER_SLOTS];
        for (int i = 0; i < integers.length; i++) {
            integers[i] = numberDictionary(TraceSchema.integerSlot(i));
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        int schemaChecksum = TraceIntegrity.parseHex(schema.getCustomMetadata().get(TraceSchema.META_CHECKSUM));
        batches = new BatchChannel(channel);
        writer = new TraceIntegrity.ChecksummedStreamWriter(root, dictionaries, batches, schemaChecksum, compression);
        writer.start();
        batches.flush();
        bytesWritten = writer.bytesWritten();
        output = new BatchOutput(file.toString());
    }

    private BatchDictionary.Text textDictionary(String column) {
        FieldVector indices = root.getVector(column);
        var d = new BatchDictionary.Text((BaseFixedWidthVector) indices, allocator, indices.getField().getDictionary());
        batchDictionaries.add(d);
        dictionaries.put(d.dictionary);
        return d;
    }

    private BatchDictionary.Numbers numberDictionary(String column) {
        FieldVector indices = root.getVector(column);
        var d = new BatchDictionary.Numbers((BaseFixedWidthVector) indices, allocator, indices.getField().getDictionary());
        batchDictionaries.add(d);
        dictionaries.put(d.dictionary);
        return d;
    }

    private Dictionary dictionary(FieldVector column, List<String> values) {
        DictionaryEncoding encoding = column.getField().getDictionary();
        VarCharVector v = new VarCharVector("dictionary-" + encoding.getId(), allocator);
        v.allocateNew(values.size());
        for (int i = 0; i < values.size(); i++) {
            v.setSafe(i, values.get(i).getBytes(StandardCharsets.UTF_8));
        }
        v.setValueCount(values.size());
        return new Dictionary(v, encoding);
    }

    @Override
    public void accept(List<Event> batch) throws IOException {
        try {
            for (int from = 0, n = batch.size(); from < n; from += AHEAD) {
                int to = Math.min(n, from + AHEAD);
                // first each event's kind, in a loop whose loads do not depend on each other, so the
                // CPU fetches the events and their bodies from memory in parallel, not one row at a time
                for (int i = from; i < to; i++) {
                    ahead[i - from] = KindEncoder.of(batch.get(i).body());
                }
                for (int i = from; i < to; i++) {
                    append(batch.get(i), ahead[i - from]);
                    if (rows == BATCH_ROWS || timeBase.exhausted() || thread.exhausted() || threadId.exhausted()) {
                        writeBatch();
                    }
                }
            }
        } catch (Throwable t) {
            failed = true;
            throw t;
        }
    }

    private void append(Event e, KindEncoder encoder) {
        int row = rows++;
        EventBody body = e.body();
        long t = e.timeNanos();
        timeBase.set(row, t & ~TraceSchema.OFFSET_MASK);
        timeOffset.set(row, t & TraceSchema.OFFSET_MASK);
        engine.set(row, encoder.engine);
        kind.set(row, encoder.index);
        thread.set(row, e.thread());
        threadId.set(row, e.threadId());
        encoder.fields.write(body, row, text, integers);
    }

    @Override
    public void tick() throws IOException {
        if (!output.busy()) {
            awaitOutput(); // a failed batch write is reported at the next tick, not only at the next batch
        }
        if (rows > 0 && System.nanoTime() - lastFlush >= FLUSH_NANOS) {
            writeBatch();
        }
    }

    /** Writes what is buffered as a batch now and waits until it is in the file (recorders call this on pause or stop). */
    public void flushNow() throws IOException {
        if (rows > 0) {
            writeBatch();
        }
        awaitOutput();
    }

    /** Waits for the batch in flight on the output thread; its failure fails the writer. */
    private void awaitOutput() throws IOException {
        try {
            output.await();
        } catch (Throwable t) {
            failed = true;
            throw t;
        }
    }

    /** Seals the staged rows into the Arrow vectors and hands them to the output thread. */
    private void writeBatch() throws IOException {
        if (failed) {
            throw new IOException("an earlier write to " + file + " failed");
        }
        awaitOutput(); // until then the vectors hold the batch in flight
        timeOffset.flush(rows);
        engine.flush(rows);
        kind.flush(rows);
        for (BatchDictionary d : batchDictionaries) {
            d.seal(rows);
        }
        root.setRowCount(rows);
        int written = rows;
        output.submit(() -> writeSealed(written));
        rows = 0;
        lastFlush = System.nanoTime();
        timeOffset.clear(written);
        engine.clear(written);
        kind.clear(written);
        for (BatchDictionary d : batchDictionaries) {
            d.reset(written);
        }
    }

    /** On the output thread: the sealed batch of {@code count} rows to the file, in one write. */
    @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the output thread
    private void writeSealed(int count) throws IOException {
        writer.writeBatch();
        batches.flush();
        eventsWritten += count;
        bytesWritten = writer.bytesWritten();
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
            awaitOutput(); // even after a failure: the vectors are released below
            if (failed) {
                return; // only release: no closing batch, no end marker, so the file reads as incomplete
            }
            if (rows > 0) {
                writeBatch();
                awaitOutput();
            }
            if (cut) {
                return; // the source was incomplete: no closing batch, so the copy reads as incomplete too
            }
            root.setRowCount(0);
            writer.writeClosingBatch();
            writer.end();
            batches.flush();
            bytesWritten = writer.bytesWritten();
        } finally {
            output.close();
            if (failed || cut) {
                writer.abandon(); // ArrowWriter.close() would write the end marker
            }
            writer.close();
            root.close();
            for (long id : dictionaries.getDictionaryIds()) {
                dictionaries.lookup(id).getVector().close(); // the batch dictionaries' vectors among them
            }
            channel.close();
            allocator.close();
            writer = null;
        }
    }
}
