package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.bench.SyntheticEvents;
import dev.sluice.event.Event;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trace is a plain Arrow IPC stream: readable with no Sluice code at all. */
class GenericArrowReadTest {

    @TempDir
    Path dir;

    @Test
    void arrowsOwnReaderSeesEveryEventWithKindNames() throws Exception {
        Path file = dir.resolve("demo.sluice");
        var live = TraceFixtures.recordDemo(file, dir.resolve("data"));
        Map<String, Integer> kinds = new HashMap<>();
        long rows = 0;
        try (BufferAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(Files.newInputStream(file), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertEquals(String.valueOf(TraceSchema.FORMAT_VERSION), root.getSchema().getCustomMetadata().get("sluice.format"));
            assertTrue(root.getSchema().getCustomMetadata().get("sluice.kinds").contains("\"ClientCreated\""));
            while (reader.loadNextBatch()) {
                FieldVector kind = root.getVector("kind");
                long id = kind.getField().getDictionary().getId();
                try (ValueVector names = DictionaryEncoder.decode(kind, reader.getDictionaryVectors().get(id))) {
                    for (int i = 0; i < root.getRowCount(); i++) {
                        kinds.merge(new String(((VarCharVector) names).get(i),
                                StandardCharsets.UTF_8), 1, Integer::sum);
                    }
                }
                rows += root.getRowCount();
            }
        }
        assertEquals(live.events(), rows);
        assertEquals(1, kinds.get("RunStarted"));
        assertEquals(2, kinds.get("ClientCreated"));
    }

    /**
     * Format 3 dictionary-encodes the thread columns and every slot, format 4 splits the run time into
     * t_base (a batch dictionary) + t_off: Arrow's plain reader decodes each back.
     */
    @Test
    void arrowsOwnReaderDecodesEveryColumnToTheEventsValues() throws Exception {
        SyntheticEvents source = new SyntheticEvents("g");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            events.add(source.next());
        }
        Path file = dir.resolve("columns.sluice");
        TraceFixtures.write(file, TraceFixtures.run("g"), events, 1000);
        int row = 0;
        try (BufferAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(Files.newInputStream(file), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                Map<String, ValueVector> plain = new HashMap<>();
                for (FieldVector v : root.getFieldVectors()) {
                    var encoding = v.getField().getDictionary();
                    plain.put(v.getName(), encoding == null ? v
                            : DictionaryEncoder.decode(v, reader.getDictionaryVectors().get(encoding.getId())));
                }
                for (int i = 0; i < root.getRowCount(); i++, row++) {
                    Event e = events.get(row);
                    EventKind k = EventCatalog.of(e.body());
                    assertEquals(e.timeNanos(), (Long) plain.get("t_base").getObject(i) + (Integer) plain.get("t_off").getObject(i));
                    assertEquals(k.name(), String.valueOf(plain.get("kind").getObject(i)));
                    assertEquals(e.thread(), String.valueOf(plain.get("thread").getObject(i)));
                    assertEquals(e.threadId(), plain.get("thread_id").getObject(i));
                    Object[] values = k.values(e.body());
                    for (int f = 0; f < values.length; f++) {
                        Object stored = plain.get(k.fields().get(f).slot()).getObject(i);
                        assertEquals(values[f], stored instanceof Text t ? t.toString() : stored, k.name() + " row " + row);
                    }
                }
                for (FieldVector v : root.getFieldVectors()) {
                    if (plain.get(v.getName()) != v) {
                        plain.get(v.getName()).close();
                    }
                }
            }
        }
        assertEquals(events.size(), row);
    }

    @Test
    void theApacheArrowNpmPackageReadsATrace() throws Exception {
        Assumptions.assumeTrue(commandWorks("node", "--version"), "node is not installed");
        Path file = dir.resolve("demo.sluice");
        var live = TraceFixtures.recordDemo(file, dir.resolve("data"));
        Path nodeDir = Path.of("target", "node-arrow").toAbsolutePath();
        Files.createDirectories(nodeDir);
        if (!Files.isDirectory(nodeDir.resolve("node_modules/apache-arrow"))) {
            Assumptions.assumeTrue(run(nodeDir, 180, "npm", "install", "--no-audit", "--no-fund", "--silent",
                    "apache-arrow@18.1.0").exitCode == 0, "apache-arrow could not be installed from the npm registry");
        }
        Path script = nodeDir.resolve("read-trace.mjs");
        Files.writeString(script, String.join("\n",
                "import { readFileSync } from 'node:fs';",
                "import { tableFromIPC } from 'apache-arrow';",
                "const t = tableFromIPC(readFileSync(process.argv[2]));",
                "const kinds = {};",
                "for (const k of t.getChild('kind')) kinds[k] = (kinds[k] || 0) + 1;",
                "console.log(JSON.stringify({ rows: t.numRows, format: t.schema.metadata.get('sluice.format'), kinds }));"));
        Result r = run(nodeDir, 60, "node", script.toString(), file.toAbsolutePath().toString());
        assertEquals(0, r.exitCode, r.output);
        assertTrue(r.output.contains("\"rows\":" + live.events()), r.output);
        assertTrue(r.output.contains("\"format\":\"" + TraceSchema.FORMAT_VERSION + "\""), r.output);
        assertTrue(r.output.contains("\"ClientCreated\":2"), r.output);
    }

    private record Result(int exitCode, String output) { }

    private static boolean commandWorks(String... command) {
        try {
            return run(Path.of("."), 20, command).exitCode == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Result run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
