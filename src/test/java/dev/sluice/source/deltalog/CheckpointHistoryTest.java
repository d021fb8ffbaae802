package dev.sluice.source.deltalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.event.AppEvent;
import dev.sluice.event.DeltaEvent;
import dev.sluice.event.Event;
import dev.sluice.scenario.FindingsSink;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.source.SourceFormats;
import dev.sluice.trace.TraceContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log whose early commit files were cleaned up starts at a Parquet checkpoint: no gap, the
 * checkpoint's protocol and metaData read from the Parquet file, single and multi-part.
 */
class CheckpointHistoryTest {

    @TempDir
    Path dir;

    @Test
    void aTableDeltaStandaloneCheckpointedStartsAtItsCheckpointOnceTheEarlyCommitsAreGone() throws Exception {
        // 12 appends after the create (some writers may need a retry): delta-standalone checkpoints itself at v10
        RunResult r = ScenarioRunner.run(ScenarioRegistry.find("delta-first-writer").orElseThrow(),
                ScenarioRunner.Options.defaults().withDataDir(dir)
                        .withOverrides(Map.of("delta.writers", "4", "delta.batches", "3", "delta.rows", "20")));
        assertTrue(r.completed(), () -> r.outcome() + " " + r.error());
        Path table = StandaloneTableImportTest.tableIn(dir);
        Path log = table.resolve("_delta_log");
        assertTrue(Files.exists(log.resolve("00000000000000000010.checkpoint.parquet")), "delta-standalone checkpointed v10");
        for (int v = 0; v < 10; v++) {
            Files.delete(log.resolve(String.format("%020d.json", v)));
        }

        TraceContents imported = SourceFormats.standard().open(table.toString()).readAll();
        assertTrue(imported.complete(), imported::warning);
        assertEquals("history starts at checkpoint v10 (commit files v0..v9 were cleaned up: what they did is summed up in "
                + "the checkpoint, not a gap)", imported.run().settings().get("history"));
        assertEquals("reader 1, writer 2", imported.run().settings().get("checkpoint.protocol"));
        Event first = imported.events().get(0);
        assertEquals(new AppEvent.Note(imported.run().settings().get("history") + "; its protocol is reader 1, writer 2"),
                first.body());
        List<DeltaEvent.CommitLogged> commits = imported.events().stream().map(Event::body)
                .filter(b -> b instanceof DeltaEvent.CommitLogged).map(b -> (DeltaEvent.CommitLogged) b).toList();
        assertEquals(10L, commits.get(0).version());
        assertEquals(List.of(), commits.stream().filter(c -> c.version() != 10 + commits.indexOf(c)).toList(), "v10 on, in order");
        List<Finding> findings = FindingsSink.replay(imported, new DetectorSuite());
        // the checkpoint's table id carries over: no gap, no re-creation; the writers' overlap stays informational
        assertTrue(findings.stream().allMatch(f -> f.code() == FindingCode.CONCURRENT_COMMITS), findings::toString);
    }

    @Test
    void aMultiPartCheckpointIsReadWholeWhateverPartHoldsTheProtocolAndTheMetadata() throws Exception {
        HandMadeLog log = new HandMadeLog(dir.resolve("t")).appends(8);
        Path logDir = log.table().resolve("_delta_log");
        for (int v = 0; v <= 5; v++) {
            Files.delete(logDir.resolve(String.format("%020d.json", v)));
        }
        MessageType schema = MessageTypeParser.parseMessageType("message checkpoint {"
                + " optional group protocol { optional int32 minReaderVersion; optional int32 minWriterVersion;"
                + " optional group writerFeatures (LIST) { repeated group list { optional binary element (STRING); } } }"
                + " optional group metaData { optional binary id (STRING); optional binary schemaString (STRING); } }");
        SimpleGroupFactory rows = new SimpleGroupFactory(schema);
        Group protocol = rows.newGroup();
        Group p = protocol.addGroup("protocol");
        p.add("minReaderVersion", 3);
        p.add("minWriterVersion", 7);
        p.addGroup("writerFeatures").addGroup("list").add("element", "appendOnly");
        Group metadata = rows.newGroup();
        metadata.addGroup("metaData").append("id", "id-1").append("schemaString", "{}");
        write(logDir.resolve("00000000000000000005.checkpoint.0000000001.0000000002.parquet"), schema, protocol);
        write(logDir.resolve("00000000000000000005.checkpoint.0000000002.0000000002.parquet"), schema, metadata);

        TraceContents imported = SourceFormats.standard().open(log.table().toString()).readAll();
        assertTrue(imported.complete(), imported::warning);
        assertEquals("reader 3, writer 7 (appendOnly)", imported.run().settings().get("checkpoint.protocol"));
        assertTrue(imported.run().settings().get("history").startsWith("history starts at checkpoint v5 (commit files v0..v5"),
                imported.run().settings()::toString);
        DeltaEvent.CheckpointLogged cp = imported.events().stream().map(Event::body)
                .filter(b -> b instanceof DeltaEvent.CheckpointLogged).map(b -> (DeltaEvent.CheckpointLogged) b)
                .findFirst().orElseThrow();
        assertEquals(2, cp.parts());
        List<Finding> findings = FindingsSink.replay(imported, new DetectorSuite());
        assertFalse(findings.stream().anyMatch(f -> f.code() == FindingCode.LOG_GAP), findings::toString);
    }

    private static void write(Path file, MessageType schema, Group row) throws Exception {
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
            w.write(row);
        }
    }
}
