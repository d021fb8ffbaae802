package dev.sluice.engine.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.Emitter;
import io.delta.standalone.DeltaLog;
import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.data.CloseableIterator;
import io.delta.standalone.data.RowRecord;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableWriterTest {

    @TempDir
    Path dir;

    @Test
    void deltaStandaloneReadsBackWhatSluiceWrites() throws Exception {
        URI table = DeltaTables.uriOf(dir.resolve("t"));
        DeltaTables tables = new DeltaTables(LogStoreKind.SLUICE, DeltaTables.LocalFs.RAW, Emitter.NOOP);
        TableWriter w = new TableWriter(tables.sharedLog(table, "writer-0"), table, "writer-0", Emitter.NOOP, 8);
        TableWriter.Policy policy = new TableWriter.Policy(0, Duration.ofMillis(5), true);
        assertEquals(0, w.append(RowBatch.of("writer-0", 0, 100), TableWriter.Mode.BLIND_APPEND, policy, TableWriter.Gate.OPEN).version());
        assertEquals(1, w.append(RowBatch.of("writer-0", 1, 100), TableWriter.Mode.BLIND_APPEND, policy, TableWriter.Gate.OPEN).version());

        String log0 = Files.readString(dir.resolve("t/_delta_log/00000000000000000000.json"));
        assertTrue(log0.contains("\"stats\":\"{\\\"numRecords\\\":100"), log0);
        DeltaLog fresh = DeltaLog.forTable(DeltaTables.hadoopConf(LogStoreKind.DELTA_DEFAULT, DeltaTables.LocalFs.CHECKSUMMED),
                new org.apache.hadoop.fs.Path(table));
        Snapshot s = fresh.update();
        assertEquals(1, s.getVersion());
        assertEquals(2, s.getAllFiles().size());
        for (AddFile f : s.getAllFiles()) {
            assertTrue(f.getStats().startsWith("{\"numRecords\":100"), f.getStats());
            assertEquals(Files.size(dir.resolve("t").resolve(f.getPath())), f.getSize());
        }
        long rows = 0;
        try (CloseableIterator<RowRecord> it = s.open()) {
            while (it.hasNext()) {
                RowRecord r = it.next();
                assertTrue(r.getString("writer").equals("writer-0"));
                rows++;
            }
        }
        assertEquals(200, rows);
        assertEquals("writer-0", CommitProbe.winnerAt(fresh, 1).writer());
    }
}
