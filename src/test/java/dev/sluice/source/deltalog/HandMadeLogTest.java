package dev.sluice.source.deltalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.ConcurrentCommitsDetector;
import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.DuplicateFileAddDetector;
import dev.sluice.detect.DuplicateTxnDetector;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.FindingLog;
import dev.sluice.detect.LogGapDetector;
import dev.sluice.detect.SchemaChangedDuringWritesDetector;
import dev.sluice.detect.Severity;
import dev.sluice.detect.TableRecreatedDetector;
import dev.sluice.detect.UnreadableCommitDetector;
import dev.sluice.event.DeltaEvent;
import dev.sluice.event.Event;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceFormats;
import dev.sluice.trace.TraceContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made logs, each with one flaw, import and yield exactly the finding for it. */
class HandMadeLogTest {

    @TempDir
    Path dir;

    private TraceContents imported;

    private List<Finding> findings(HandMadeLog log) throws SourceException {
        imported = SourceFormats.standard().open(log.table().toString()).readAll();
        DetectorSuite suite = new DetectorSuite(List.of(new ConcurrentCommitsDetector(), new SchemaChangedDuringWritesDetector(),
                new TableRecreatedDetector(), new LogGapDetector(), new DuplicateTxnDetector(), new DuplicateFileAddDetector(),
                new UnreadableCommitDetector()));
        FindingLog found = new FindingLog();
        suite.open(imported.run());
        imported.events().forEach(e -> suite.onEvent(e, found));
        suite.onEnd(found, imported.complete());
        return found.sorted();
    }

    private static List<FindingCode> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }

    @Test
    void aCleanSequentialHistoryHasNoFinding() throws Exception {
        List<Finding> f = findings(new HandMadeLog(dir.resolve("t")).appends(5));
        assertEquals(List.of(), f);
        assertTrue(imported.complete());
        assertEquals(6, imported.events().stream().filter(e -> e.body() instanceof DeltaEvent.CommitSucceeded).count());
        assertEquals("delta-log", imported.run().scenario());
        List<Long> times = imported.events().stream().map(Event::timeNanos).toList();
        assertEquals(5_000_000_000L, times.get(times.size() - 1), "the commits' own clock, from the first commit");
    }

    @Test
    void aMissingVersionIsAGap() throws Exception {
        HandMadeLog log = new HandMadeLog(dir.resolve("t")).appends(6);
        Files.delete(log.table().resolve("_delta_log/00000000000000000003.json"));
        Files.delete(log.table().resolve("_delta_log/00000000000000000004.json"));
        List<Finding> f = findings(log);
        assertEquals(List.of(FindingCode.LOG_GAP), codes(f));
        assertTrue(f.get(0).title().contains("(v3..v4)"), f.get(0)::title);
        assertTrue(f.get(0).explanation().contains("only winning commits"), f.get(0)::explanation);
    }

    @Test
    void versionsBeforeACheckpointMayBeCleanedUp() throws Exception {
        HandMadeLog log = new HandMadeLog(dir.resolve("t")).appends(6);
        for (int v = 0; v <= 3; v++) {
            Files.delete(log.table().resolve(String.format("_delta_log/%020d.json", v)));
        }
        Files.write(log.table().resolve("_delta_log/00000000000000000003.checkpoint.parquet"), new byte[] {1, 2, 3});
        Files.writeString(log.table().resolve("_delta_log/_last_checkpoint"), "{\"version\":3,\"size\":4}");
        List<Finding> f = findings(log);
        assertEquals(List.of(), f, "a cleaned-up start is no gap");
        // this checkpoint is three bytes, so the table's state there is unknown: the import says so and is partial
        assertEquals("checkpoint v3 (" + log.table().resolve("_delta_log/00000000000000000003.checkpoint.parquet")
                + " does not read as Parquet: is not a Parquet file (length is too low: 3)) is unreadable; what it did to "
                + "the table is unknown", imported.warning());
        DeltaEvent.CheckpointLogged cp = imported.events().stream().map(Event::body)
                .filter(b -> b instanceof DeltaEvent.CheckpointLogged).map(b -> (DeltaEvent.CheckpointLogged) b)
                .findFirst().orElseThrow();
        assertEquals(3, cp.version());
        assertTrue(cp.latest());
    }

    @Test
    void theSameTxnCommittedTwiceIsADuplicateBatch() throws Exception {
        HandMadeLog log = new HandMadeLog(dir.resolve("t")).appends(1);
        log.commit(2, log.commitInfo(2, "STREAMING UPDATE", "spark", 1), HandMadeLog.txn("query-7", 41),
                HandMadeLog.add("a.parquet"));
        log.commit(3, log.commitInfo(3, "STREAMING UPDATE", "spark", 2), HandMadeLog.txn("query-7", 41),
                HandMadeLog.add("b.parquet"));
        List<Finding> f = findings(log);
        assertEquals(List.of(FindingCode.DUPLICATE_TXN), codes(f));
        assertTrue(f.get(0).title().contains("txn query-7 version 41 committed twice"), f.get(0)::title);
        assertTrue(f.get(0).confirmed());
        assertEquals("query-7", imported.events().stream().map(Event::body).filter(b -> b instanceof DeltaEvent.CommitLogged)
                .map(b -> ((DeltaEvent.CommitLogged) b).writer()).reduce((a, b) -> b).orElseThrow(),
                "the txn appId names the writer");
    }

    @Test
    void aTableCreatedAgainOverAnExistingOne() throws Exception {
        HandMadeLog log = new HandMadeLog(dir.resolve("t")).appends(2);
        log.commit(3, log.commitInfo(3, "CREATE TABLE", "job-2", 2), HandMadeLog.metaData("id-2", HandMadeLog.SCHEMA),
                HandMadeLog.remove("part-1.parquet"), HandMadeLog.remove("part-2.parquet"));
        List<Finding> f = findings(log);
        assertEquals(List.of(FindingCode.TABLE_RECREATED), codes(f));
        assertTrue(f.get(0).explanation().contains("new id (id-1 → id-2)"), f.get(0)::explanation);
        assertTrue(imported.events().stream().anyMatch(e -> e.body() instanceof DeltaEvent.CommitSucceeded s
                && s.version() == 3 && s.createdTable()));
    }

    @Test
    void aCorruptLineMakesTheCommitUnreadableAndTheImportPartial() throws Exception {
        HandMadeLog log = new HandMadeLog(dir.resolve("t")).appends(4);
        log.commit(2, log.commitInfo(2, "WRITE", "a", 1), "{\"add\":{\"path\":\"part-2.parq");
        List<Finding> f = findings(log);
        assertEquals(List.of(FindingCode.CORRUPT_LOG), codes(f));
        assertTrue(f.get(0).title().contains("00000000000000000002.json line 2"), f.get(0)::title);
        assertFalse(imported.complete());
        assertTrue(imported.warning().startsWith("commit v2 (00000000000000000002.json line 2: not JSON"), imported::warning);
        assertEquals(4, imported.events().stream().filter(e -> e.body() instanceof DeltaEvent.CommitSucceeded).count(),
                "the commits after it are read");
    }

    @Test
    void concurrentCommitsAreInformational() throws Exception {
        HandMadeLog log = new HandMadeLog(dir.resolve("t")).appends(3);
        log.commit(4, log.commitInfo(4, "WRITE", "c", 1), HandMadeLog.add("c.parquet"));
        List<Finding> f = findings(log);
        assertEquals(List.of(FindingCode.CONCURRENT_COMMITS), codes(f));
        assertEquals(Severity.INFO, f.get(0).severity());
        assertTrue(f.get(0).explanation().contains("read v1 while v2..v3 committed (a, b)"), f.get(0)::explanation);
    }

    @Test
    void aSchemaChangeWhileAnotherWriterWasWriting() throws Exception {
        HandMadeLog log = new HandMadeLog(dir.resolve("t")).appends(2);
        log.commit(3, log.commitInfo(3, "ADD COLUMNS", "a", 2), HandMadeLog.metaData("id-1", HandMadeLog.SCHEMA_2));
        log.commit(4, log.commitInfo(4, "WRITE", "b", 2), HandMadeLog.add("old-schema.parquet"));
        List<Finding> f = findings(log);
        assertEquals(List.of(FindingCode.SCHEMA_CHANGED_DURING_WRITES, FindingCode.CONCURRENT_COMMITS), codes(f));
        assertTrue(f.get(0).confirmed());
        assertTrue(f.get(0).explanation().contains("b (read v2, committed v4)"), f.get(0)::explanation);
    }

    @Test
    void aWriterThatRecordsNoReadVersionRightAfterASchemaChangeIsUnconfirmed() throws Exception {
        HandMadeLog log = new HandMadeLog(dir.resolve("t")).appends(2);
        log.commit(3, log.commitInfo(3, "CHANGE COLUMN", "a", 2), HandMadeLog.metaData("id-1", HandMadeLog.SCHEMA_2));
        log.commit(4, "{\"commitInfo\":{\"timestamp\":1700000004000,\"operation\":\"WRITE\",\"engineInfo\":\"c\"}}",
                HandMadeLog.add("maybe-old.parquet"));
        List<Finding> f = findings(log);
        assertEquals(List.of(FindingCode.SCHEMA_CHANGED_DURING_WRITES), codes(f));
        assertEquals("the later writer did not record which version it read", f.get(0).doubt());
    }

    @Test
    void theSameDataFileAddedTwice() throws Exception {
        HandMadeLog log = new HandMadeLog(dir.resolve("t")).appends(2);
        log.commit(3, log.commitInfo(3, "WRITE", "b", 2), HandMadeLog.add("part-2.parquet"));
        List<Finding> f = findings(log);
        assertEquals(List.of(FindingCode.DUPLICATE_FILE_ADD), codes(f));
        assertTrue(f.get(0).title().contains("added in v2 and again in v3"), f.get(0)::title);
    }

    @Test
    void aDirectoryWithoutCommitsIsRefusedInOneLine() throws Exception {
        Files.createDirectories(dir.resolve("t/_delta_log"));
        SourceException e = assertThrows(SourceException.class,
                () -> SourceFormats.standard().open(dir.resolve("t").toString()).readAll());
        assertEquals(dir.resolve("t") + ": _delta_log holds no commit file (00000000000000000000.json …)", e.getMessage());
    }
}
