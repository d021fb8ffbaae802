package dev.sluice.bench;

import dev.sluice.engine.delta.DeltaTables;
import dev.sluice.engine.delta.DeltaWorkload;
import dev.sluice.engine.delta.LogStoreKind;
import dev.sluice.engine.delta.TableWriter;
import dev.sluice.event.Emitter;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import dev.sluice.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code sluice bench delta-commit}: blind appends to a local Delta table, all in one run —
 * commits/s of 8 writers with Sluice's log store beside delta-standalone's default local store,
 * acknowledged rows/s of 8 writers beside 1, and the workload's rate with probes on beside off.
 */
final class DeltaCommitBench implements Benchmark {

    @Override
    public String name() {
        return "delta-commit";
    }

    @Override
    public String description() {
        return "commits/s of 8 blind-append writers, Sluice log store vs Delta's default; rows/s 8 writers vs 1; probe cost";
    }

    @Override
    public BenchReport run(boolean quick) throws Exception {
        int commitsPerWriter = quick ? 6 : 25;
        int bigRows = quick ? 20_000 : 100_000;
        Path root = Files.createTempDirectory("sluice-bench-delta");
        try {
            BenchReport report = new BenchReport(name());
            // untimed: loads delta-standalone, Hadoop and Parquet classes and warms the JIT
            measure(root, "warmup", LogStoreKind.SLUICE, 8, 4, 10, Emitter.NOOP);

            double sluice = commitsPerSecond(measure(root, "sluice", LogStoreKind.SLUICE, 8, commitsPerWriter, 10, Emitter.NOOP));
            double standard = commitsPerSecond(measure(root, "default", LogStoreKind.DELTA_DEFAULT, 8, commitsPerWriter, 10,
                    Emitter.NOOP));
            report.figure("commits/s, 8 writers, Delta default local store", standard, "commits/s");
            report.figure("commits/s, 8 writers, Sluice log store", sluice, "commits/s");
            report.figure("Sluice store / default store", sluice / standard, "x", ">= 2");

            DeltaWorkload.Outcome one = measure(root, "one", LogStoreKind.SLUICE, 1, 8, bigRows, Emitter.NOOP);
            DeltaWorkload.Outcome eight = measure(root, "eight", LogStoreKind.SLUICE, 8, 1, bigRows, Emitter.NOOP);
            double oneRate = rowsPerSecond(one);
            double eightRate = rowsPerSecond(eight);
            report.figure("acknowledged rows/s, 1 writer x 8 commits", oneRate, "rows/s");
            report.figure("acknowledged rows/s, 8 writers x 1 commit", eightRate, "rows/s");
            report.figure("8 writers / 1 writer", eightRate / oneRate, "x");

            double off = 0;
            double on = 0;
            long events = 0;
            for (int i = 0; i < 2; i++) { // alternate to spread drift over both sides
                off += commitsPerSecond(measure(root, "probes-off-" + i, LogStoreKind.SLUICE, 8, commitsPerWriter, 10,
                        Emitter.NOOP));
                CountingSink sink = new CountingSink();
                Pipeline pipeline = Pipeline.live(new RunInfo("bench", "bench-delta", Map.of(), Instant.now(),
                        RunInfo.currentVersion()), Pipeline.DEFAULT_CAPACITY, List.of(sink));
                on += commitsPerSecond(measure(root, "probes-on-" + i, LogStoreKind.SLUICE, 8, commitsPerWriter, 10, pipeline));
                pipeline.close();
                events += sink.count.get();
            }
            report.figure("commits/s, probes off", off / 2, "commits/s");
            report.figure("commits/s, probes on", on / 2, "commits/s");
            report.figure("probe cost (1 - on/off)", (1 - on / off) * 100, "%", "<= 3");
            report.figure("events per commit (probes on)", events / (2.0 * 8 * commitsPerWriter), "events");
            report.note("blind appends of 10-row batches to a new local table with one shared DeltaLog; rows/s with "
                    + bigRows + "-row batches; Hadoop local file system: checksummed");
            report.note("cores: " + Runtime.getRuntime().availableProcessors() + "; other load on the machine moves "
                    + "these figures, the ratios are measured side by side in this run");
            return report;
        } finally {
            deleteTree(root);
        }
    }

    private static DeltaWorkload.Outcome measure(Path root, String name, LogStoreKind store, int writers, int batches,
                                                 int rows, Emitter emitter) throws Exception {
        DeltaTables tables = new DeltaTables(store, DeltaTables.LocalFs.CHECKSUMMED, emitter);
        DeltaWorkload.Config config = new DeltaWorkload.Config(DeltaTables.uriOf(root.resolve(name)), writers, batches,
                rows, 8, DeltaWorkload.Strategy.NAIVE, TableWriter.Mode.BLIND_APPEND, true,
                DeltaWorkload.LogSharing.SHARED, 0, Duration.ofMillis(5), 0);
        DeltaWorkload.Outcome outcome = new DeltaWorkload(config, tables, emitter, () -> false).run();
        if (outcome.failedBatches() > 0) {
            throw new IllegalStateException(name + ": " + outcome.failedBatches() + " blind appends failed");
        }
        return outcome;
    }

    private static double commitsPerSecond(DeltaWorkload.Outcome o) {
        return o.acks().size() / (o.nanos() / 1e9);
    }

    private static double rowsPerSecond(DeltaWorkload.Outcome o) {
        return o.acknowledgedRows() / (o.nanos() / 1e9);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static final class CountingSink implements EventSink {
        final AtomicLong count = new AtomicLong();

        @Override
        public void accept(List<Event> batch) {
            count.addAndGet(batch.size());
        }
    }
}
