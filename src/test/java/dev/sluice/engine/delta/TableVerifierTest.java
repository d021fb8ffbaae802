package dev.sluice.engine.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.event.DeltaEvent.VerifyOutcome;
import dev.sluice.event.Emitter;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import io.delta.standalone.DeltaLog;
import io.delta.standalone.Operation;
import io.delta.standalone.actions.AddFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verify catches injected losses and duplicates; Delta Kernel reads the same rows Sluice wrote. */
class TableVerifierTest {

    @TempDir
    Path dir;

    private final List<EventBody> events = new ArrayList<>();
    private final Emitter collect = body -> {
        synchronized (events) {
            events.add(body);
        }
    };
    private URI table;
    private DeltaWorkload.Outcome written;

    @BeforeEach
    void writeTable() throws Exception {
        table = DeltaTables.uriOf(dir.resolve("t"));
        DeltaTables tables = new DeltaTables(LogStoreKind.SLUICE, DeltaTables.LocalFs.RAW, Emitter.NOOP);
        written = new DeltaWorkload(new DeltaWorkload.Config(table, 3, 2, 50, 4,
                DeltaWorkload.Strategy.FIRST_WRITER_CREATES, TableWriter.Mode.BLIND_APPEND, false,
                DeltaWorkload.LogSharing.SHARED, 0, Duration.ofMillis(5), 0), tables, Emitter.NOOP, () -> false).run();
        assertEquals(6, written.acks().size());
    }

    private TableVerifier.Report verify() throws Exception {
        events.clear();
        return new TableVerifier(DeltaTables.hadoopConf(LogStoreKind.SLUICE, DeltaTables.LocalFs.RAW), collect)
                .verify(table, written.expected());
    }

    private List<Finding> findings() {
        List<Event> stream = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            stream.add(new Event("test", i, "test", 1, events.get(i)));
        }
        return DetectorSuite.evaluate(stream);
    }

    @Test
    void healthyTablePassesAndKernelReadsTheSameRows() throws Exception {
        TableVerifier.Report report = verify();
        assertTrue(report.passed(), report::toString);
        assertEquals(300, report.foundRows());
        assertEquals(List.of(), findings());
        List<String> kernel = KernelReader.rows(table);
        assertEquals(300, kernel.size());
        assertEquals(300, new HashSet<>(kernel).size());
        assertTrue(kernel.contains("writer-2:99"), kernel::toString);
    }

    @Test
    void lostDataFileIsLostWrites() throws Exception {
        TableWriter.Ack victim = written.acks().get(2);
        Files.delete(dir.resolve("t").resolve(victim.file()));
        TableVerifier.Report report = verify();
        assertEquals(VerifyOutcome.FAILED, report.outcome());
        assertEquals(1, report.missingFiles());
        assertEquals(50, report.unexplainedRows());
        List<Finding> f = findings();
        assertEquals(1, f.size(), f::toString);
        assertEquals(FindingCode.LOST_WRITES, f.get(0).code());
        RowBatch b = victim.batch();
        assertTrue(f.get(0).explanation().contains(b.writer() + ":" + b.fromSeq() + "-" + b.toSeq()), f.get(0)::explanation);
    }

    @Test
    void lostLatestLogEntryIsLostWrites() throws Exception {
        Path log = dir.resolve("t/_delta_log");
        Files.delete(log.resolve("00000000000000000005.json"));
        TableVerifier.Report report = verify();
        assertEquals(VerifyOutcome.FAILED, report.outcome());
        assertEquals(4, report.version());
        assertEquals(50, report.unexplainedRows());
        assertEquals(List.of(FindingCode.LOST_WRITES), findings().stream().map(Finding::code).toList());
    }

    @Test
    void lostMiddleLogEntryIsCorruptLog() throws Exception {
        Files.delete(dir.resolve("t/_delta_log/00000000000000000002.json"));
        TableVerifier.Report report = verify();
        assertEquals(VerifyOutcome.UNREADABLE, report.outcome(), report::toString);
        assertEquals(List.of(FindingCode.CORRUPT_LOG), findings().stream().map(Finding::code).toList());
    }

    @Test
    void duplicatedFileIsReported() throws Exception {
        TableWriter.Ack victim = written.acks().get(1);
        Path copy = dir.resolve("t/copy-of-" + victim.file());
        Files.copy(dir.resolve("t").resolve(victim.file()), copy);
        DeltaLog log = DeltaLog.forTable(DeltaTables.hadoopConf(LogStoreKind.SLUICE, DeltaTables.LocalFs.RAW),
                new org.apache.hadoop.fs.Path(table));
        log.startTransaction().commit(List.of(new AddFile(copy.getFileName().toString(), Map.of(), Files.size(copy),
                System.currentTimeMillis(), true, null, null)), new Operation(Operation.Name.WRITE), "test");
        TableVerifier.Report report = verify();
        assertEquals(VerifyOutcome.FAILED, report.outcome());
        assertEquals(50, report.duplicatedRows());
        List<Finding> f = findings();
        assertEquals(List.of(FindingCode.LOST_WRITES), f.stream().map(Finding::code).toList());
        assertTrue(f.get(0).title().contains("50 rows duplicated"), f.get(0)::title);
    }

    @Test
    void verifyWithoutARecordFindsHolesAndDuplicates() throws Exception {
        Files.delete(dir.resolve("t").resolve(written.acks().get(0).file()));
        events.clear();
        TableVerifier.Report report = new TableVerifier(DeltaTables.hadoopConf(LogStoreKind.SLUICE,
                DeltaTables.LocalFs.RAW), collect).verify(table, null);
        assertEquals(VerifyOutcome.FAILED, report.outcome());
        assertEquals(50, report.missingRows(), report::toString);
    }

    @Test
    void notADeltaTableIsAClearError() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("data.csv"), "a,b\n");
        TableVerifier verifier = new TableVerifier(DeltaTables.hadoopConf(LogStoreKind.SLUICE, DeltaTables.LocalFs.RAW),
                Emitter.NOOP);
        NotADeltaTableException e = assertThrows(NotADeltaTableException.class,
                () -> verifier.verify(DeltaTables.uriOf(plain), null));
        assertTrue(e.getMessage().contains(plain.toString()) && e.getMessage().contains("no _delta_log"), e.getMessage());
        NotADeltaTableException missing = assertThrows(NotADeltaTableException.class,
                () -> verifier.verify(DeltaTables.uriOf(dir.resolve("nowhere")), null));
        assertTrue(missing.getMessage().contains("no such directory"), missing.getMessage());
        try (Stream<Path> files = Files.list(plain)) {
            assertEquals(1, files.count());
        }
    }
}
