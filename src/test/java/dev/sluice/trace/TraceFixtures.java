package dev.sluice.trace;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Traces for tests: a recorded demo run, or events written directly. */
public final class TraceFixtures {

    private TraceFixtures() {
    }

    /** Runs the demo scenario live, recording to {@code file}. */
    public static RunResult recordDemo(Path file, Path dataDir) throws InterruptedException {
        return ScenarioRunner.run(ScenarioRegistry.find("demo").orElseThrow(),
                ScenarioRunner.Options.defaults().withRecord(file).withDataDir(dataDir)
                        .withOverrides(Map.of("demo.requests", "20", "demo.pace", "1ms")));
    }

    public static RunInfo run(String id) {
        return new RunInfo(id, "fixture", Map.of("flight.window", "65536"), Instant.parse("2026-11-22T10:00:00Z"), "test");
    }

    /** Writes {@code events} with the writer, in batches of {@code batch}. */
    public static void write(Path file, RunInfo run, List<Event> events, int batch) throws Exception {
        writeFlushed(file, run, events, batch);
    }

    /**
     * Writes {@code events} as a recorder killed after its last flush leaves them: every batch on
     * disk, but neither the closing batch nor the end-of-stream marker.
     */
    public static void writeCut(Path file, RunInfo run, List<Event> events, int batch) throws Exception {
        long flushed = writeFlushed(file, run, events, batch);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(flushed);
        }
    }

    /** Writes and closes the trace; returns its size before the closing batch and end marker. */
    private static long writeFlushed(Path file, RunInfo run, List<Event> events, int batch) throws Exception {
        TraceWriter writer = new TraceWriter(file);
        writer.open(run);
        for (int i = 0; i < events.size(); i += batch) {
            writer.accept(events.subList(i, Math.min(events.size(), i + batch)));
            writer.flushNow();
        }
        long flushed = writer.bytesWritten();
        writer.close();
        return flushed;
    }

    /**
     * Rewrites a trace as format 1 lays it out (no checksums, no closing batch; thread, thread id and
     * slots as plain utf8 and int64; engine and kind over fixed int16 dictionaries) with Arrow's own
     * writer; {@code firstBatch} may damage the first batch's plain columns.
     */
    public static void rewriteAsFormatOne(Path from, Path to, Map<String, String> metadata,
                                          Consumer<VectorSchemaRoot> firstBatch) throws Exception {
        ArrowType.Int int16 = new ArrowType.Int(16, true);
        try (BufferAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(Files.newInputStream(from), allocator)) {
            VectorSchemaRoot in = reader.getVectorSchemaRoot();
            Map<String, String> meta = new HashMap<>(in.getSchema().getCustomMetadata());
            meta.remove(TraceSchema.META_CHECKSUM);
            meta.put(TraceSchema.META_FORMAT, "1");
            meta.putAll(metadata);
            List<Field> fields = new ArrayList<>();
            for (Field f : in.getSchema().getFields()) {
                DictionaryEncoding d = f.getDictionary();
                if (d == null) {
                    fields.add(f);
                } else if (TraceSchema.isFixedDictionary(d.getId())) {
                    fields.add(new Field(f.getName(), new FieldType(f.isNullable(), int16,
                            new DictionaryEncoding(d.getId(), false, int16)), null));
                } else {
                    ArrowType values = reader.getDictionaryVectors().get(d.getId()).getVectorType();
                    fields.add(new Field(f.getName(), new FieldType(true, values, null), null));
                }
            }
            try (VectorSchemaRoot out = VectorSchemaRoot.create(new Schema(fields, meta), allocator);
                 var os = Files.newOutputStream(to); ArrowStreamWriter writer = new ArrowStreamWriter(out, reader, os)) {
                writer.start();
                boolean first = true;
                while (reader.loadNextBatch()) {
                    if (in.getRowCount() == 0) {
                        continue; // format 1 has no closing batch
                    }
                    for (FieldVector v : in.getFieldVectors()) {
                        copyPlain(v, out.getVector(v.getName()), reader);
                    }
                    out.setRowCount(in.getRowCount());
                    if (first) {
                        firstBatch.accept(out);
                        first = false;
                    }
                    writer.writeBatch();
                }
                writer.end();
            }
        }
    }

    private static void copyPlain(FieldVector from, FieldVector to, ArrowStreamReader reader) throws Exception {
        DictionaryEncoding d = from.getField().getDictionary();
        if (d == null) {
            from.makeTransferPair(to).transfer();
        } else if (TraceSchema.isFixedDictionary(d.getId())) {
            SmallIntVector indices = (SmallIntVector) to;
            indices.allocateNew(from.getValueCount());
            for (int i = 0; i < from.getValueCount(); i++) {
                indices.set(i, (int) ((BaseIntVector) from).getValueAsLong(i));
            }
            indices.setValueCount(from.getValueCount());
        } else {
            try (ValueVector plain = DictionaryEncoder.decode(from, reader.getDictionaryVectors().get(d.getId()))) {
                plain.makeTransferPair(to).transfer();
            }
        }
    }
}
