package dev.sluice.engine.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.DeltaEvent;
import dev.sluice.event.EventBody;
import io.delta.storage.CloseableIterator;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceLocalLogStoreTest {

    @TempDir
    Path dir;

    @Test
    void exactlyOneOfManyWritersPublishesAVersion() throws Exception {
        Configuration conf = new Configuration();
        org.apache.hadoop.fs.Path commit = new org.apache.hadoop.fs.Path(dir.resolve("_delta_log/00000000000000000000.json").toUri());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                String line = "{\"writer\":" + i + "}";
                SluiceLocalLogStore store = new SluiceLocalLogStore(conf); // one instance each, like separate processes
                results.add(pool.submit(() -> {
                    go.await();
                    store.write(commit, List.of(line).iterator(), false, conf);
                    return line;
                }));
            }
            go.countDown();
            List<String> winners = new ArrayList<>();
            int lost = 0;
            for (Future<String> f : results) {
                try {
                    winners.add(f.get());
                } catch (ExecutionException e) {
                    assertTrue(e.getCause() instanceof FileAlreadyExistsException, e.getCause().toString());
                    lost++;
                }
            }
            assertEquals(1, winners.size());
            assertEquals(7, lost);
            SluiceLocalLogStore reader = new SluiceLocalLogStore(conf);
            try (CloseableIterator<String> lines = reader.read(commit, conf)) {
                assertEquals(winners.get(0), lines.next());
            }
            try (Stream<Path> files = Files.list(dir.resolve("_delta_log"))) {
                assertEquals(List.of("00000000000000000000.json"), files.map(p -> p.getFileName().toString()).toList(),
                        "temporary files are removed");
            }
            List<FileStatus> listed = new ArrayList<>();
            reader.listFrom(commit, conf).forEachRemaining(listed::add);
            assertEquals(1, listed.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void leftoverTempFileAndOrphanDataFileOfAKilledWriterDoNotHurtTheTable() throws Exception {
        URI table = DeltaTables.uriOf(dir.resolve("t"));
        List<EventBody> events = Collections.synchronizedList(new ArrayList<>());
        DeltaTables tables = new DeltaTables(LogStoreKind.SLUICE, DeltaTables.LocalFs.CHECKSUMMED, events::add);
        DeltaWorkload.Outcome outcome = new DeltaWorkload(new DeltaWorkload.Config(table, 2, 2, 20, 4,
                DeltaWorkload.Strategy.FIRST_WRITER_CREATES, TableWriter.Mode.BLIND_APPEND, false,
                DeltaWorkload.LogSharing.SHARED, 0, Duration.ofMillis(5), 0), tables, events::add, () -> false).run();
        // a writer killed mid-commit: its Parquet file was written, its commit file only half
        Path log = dir.resolve("t/_delta_log");
        Files.writeString(log.resolve(".00000000000000000004.json.dead-writer.tmp"), "{\"add\":{\"path\":\"part-x");
        ParquetRows.write(dir.resolve("t/part-writer-9-b0-orphan.snappy.parquet"), RowBatch.of("writer-9", 0, 20), 4);
        TableVerifier.Report report = new TableVerifier(tables.conf(), events::add).verify(table, outcome.expected());
        assertTrue(report.passed(), report::toString);
        assertEquals(outcome.acknowledgedRows(), report.foundRows());
        // and the table still takes commits at the version the dead writer never published
        TableWriter.Ack next = new TableWriter(tables.sharedLog(table, "writer-0"), table, "writer-0", events::add, 4)
                .append(RowBatch.of("writer-0", 5, 20), TableWriter.Mode.BLIND_APPEND,
                        new TableWriter.Policy(0, Duration.ofMillis(5), false), TableWriter.Gate.OPEN);
        assertEquals(4, next.version());
        assertTrue(events.stream().anyMatch(e -> e instanceof DeltaEvent.VerifyCompleted v && v.outcome() == DeltaEvent.VerifyOutcome.PASSED));
    }

    @Test
    void unobservedAndObservedFailuresAreTold() throws Exception {
        List<EventBody> events = Collections.synchronizedList(new ArrayList<>());
        ObservedExecutor pool = new ObservedExecutor("p", 2, events::add);
        ObservedExecutor.Task<Integer> read = pool.submit("read", "w", () -> {
            throw new IllegalStateException("boom");
        });
        pool.submit("dropped", "w", () -> { // never asked for its result: the unobserved failure
            throw new IllegalStateException("gone");
        });
        ObservedExecutor.Task<Integer> ok = pool.submit("ok", "w", () -> 1);
        assertThrows(ExecutionException.class, read::get);
        pool.awaitAll(10_000);
        assertEquals(List.of("dropped"), pool.unobservedFailures());
        assertTrue(ok.isDone() && !ok.observed());
        pool.close();
        assertTrue(events.contains(new DeltaEvent.TaskObserved("p", "read", DeltaEvent.Observation.GET)));
        assertTrue(events.contains(new DeltaEvent.ExecutorShutdown("p", 3, 2, 1)), events::toString);
    }
}
