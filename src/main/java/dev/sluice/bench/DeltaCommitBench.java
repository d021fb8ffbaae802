package dev.sluice.bench;

import dev.sluice.engine.delta.DeltaTables;
import dev.sluice.engine.delta.DeltaWorkload;
import dev.sluice.engine.delta.LogStoreKind;
import dev.sluice.engine.delta.S3Access;
import dev.sluice.engine.delta.TableWriter;
import dev.sluice.engine.s3.EmbeddedS3Server;
import dev.sluice.event.DeltaEvent;
import dev.sluice.event.DeltaEvent.CommitOperation;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code sluice bench delta-commit}: blind appends to a local Delta table, all in one run —
 * commits/s of 8 writers with Sluice's log store beside delta-standalone's default local store,
 * acknowledged rows/s of 8 writers beside 1, and the workload's rate with probes on beside off;
 * and on S3 (the embedded S3Proxy) Sluice's conditional store beside the single-driver store.
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
            // untimed: loads delta-standalone, Hadoop and Parquet classes and warms the JIT on both stores
            measure(root, "warmup-sluice", LogStoreKind.SLUICE, 8, commitsPerWriter, 10, Emitter.NOOP);
            measure(root, "warmup-default", LogStoreKind.DELTA_DEFAULT, 8, commitsPerWriter, 10, Emitter.NOOP);

            // A B B A: a drift in machine load over the run weighs on both sides alike
            double sluice = 0;
            double standard = 0;
            for (int i = 0; i < 2; i++) {
                LogStoreKind first = i == 0 ? LogStoreKind.SLUICE : LogStoreKind.DELTA_DEFAULT;
                for (LogStoreKind store : i == 0 ? List.of(first, LogStoreKind.DELTA_DEFAULT) : List.of(first, LogStoreKind.SLUICE)) {
                    double rate = commitsPerSecond(measure(root, "store-" + store.id() + "-" + i, store, 8,
                            commitsPerWriter, 10, Emitter.NOOP));
                    if (store == LogStoreKind.SLUICE) {
                        sluice += rate / 2;
                    } else {
                        standard += rate / 2;
                    }
                }
            }
            report.figure("commits/s, 8 writers, Delta default local store", standard, "commits/s");
            report.figure("commits/s, 8 writers, Sluice log store", sluice, "commits/s");
            report.figure("Sluice store / default store", sluice / standard, "x", ">= 2");
            s3Stores(report, root, quick ? 4 : 10, quick ? 3 : 5);

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
            int n = 0;
            for (boolean probes : new boolean[] {false, true, true, false}) { // A B B A, as above
                n++;
                if (!probes) {
                    off += commitsPerSecond(measure(root, "probes-off-" + n, LogStoreKind.SLUICE, 8, commitsPerWriter,
                            10, Emitter.NOOP));
                    continue;
                }
                CountingSink sink = new CountingSink();
                Pipeline pipeline = Pipeline.live(new RunInfo("bench", "bench-delta", Map.of(), Instant.now(),
                        RunInfo.currentVersion()), Pipeline.DEFAULT_CAPACITY, List.of(sink));
                on += commitsPerSecond(measure(root, "probes-on-" + n, LogStoreKind.SLUICE, 8, commitsPerWriter, 10,
                        pipeline));
                pipeline.close();
                events += sink.count.get();
            }
            report.figure("commits/s, probes off", off / 2, "commits/s");
            report.figure("commits/s, probes on", on / 2, "commits/s");
            double eventsPerCommit = events / (2.0 * 8 * commitsPerWriter);
            report.figure("probe cost, A/B (1 - on/off; noisy under load)", (1 - on / off) * 100, "%");
            report.figure("events per commit (probes on)", eventsPerCommit, "events");
            double emitNanos = emitNanos(quick ? 200_000 : 1_000_000);
            double commitNanos = 1e9 / (off / 2);
            report.figure("ns per probe event (8 emitting threads, live pipeline)", emitNanos, "ns");
            report.figure("probe cost, direct (events/commit x emit ns / commit ns)",
                    eventsPerCommit * emitNanos / commitNanos * 100, "%", "<= 3");
            report.note("blind appends of 10-row batches to a new local table with one shared DeltaLog; rows/s with "
                    + bigRows + "-row batches; Hadoop local file system: checksummed");
            report.note("cores: " + Runtime.getRuntime().availableProcessors() + "; other load on the machine moves "
                    + "these figures, the ratios are measured side by side in this run");
            return report;
        } finally {
            deleteTree(root);
        }
    }

    /**
     * The same blind appends to tables on the embedded S3Proxy, in this one JVM (where the single-driver
     * store is safe): Sluice's conditional-PUT store beside delta-standalone's S3SingleDriverLogStore,
     * interleaved A B / B A over {@code rounds} rounds, each round's ratio kept.
     */
    private static void s3Stores(BenchReport report, Path root, int commitsPerWriter, int rounds) throws Exception {
        try (EmbeddedS3Server server = EmbeddedS3Server.start(root.resolve("s3"))) {
            S3Access access = new S3Access(server.endpoint(), "us-east-1", true, server.credentials().provider(),
                    "embedded S3Proxy " + server.endpoint());
            access.ensureBucket("bench");
            // untimed: S3A, the SDK client and both stores loaded and warmed
            measureS3(access, "warmup-sluice", LogStoreKind.SLUICE, commitsPerWriter);
            measureS3(access, "warmup-default", LogStoreKind.DELTA_DEFAULT, commitsPerWriter);
            RoundRatios ratio = new RoundRatios("S3: Sluice conditional store / single-driver store, commits/s");
            double sluice = 0;
            double single = 0;
            for (int i = 0; i < rounds; i++) {
                List<LogStoreKind> order = i % 2 == 0 ? List.of(LogStoreKind.SLUICE, LogStoreKind.DELTA_DEFAULT)
                        : List.of(LogStoreKind.DELTA_DEFAULT, LogStoreKind.SLUICE);
                Map<LogStoreKind, Double> rate = new EnumMap<>(LogStoreKind.class);
                for (LogStoreKind store : order) {
                    rate.put(store, commitsPerSecond(measureS3(access, store.id() + "-" + i, store, commitsPerWriter)));
                }
                sluice += rate.get(LogStoreKind.SLUICE) / rounds;
                single += rate.get(LogStoreKind.DELTA_DEFAULT) / rounds;
                ratio.add(rate.get(LogStoreKind.SLUICE) / rate.get(LogStoreKind.DELTA_DEFAULT));
            }
            report.figure("S3: commits/s, " + S3_WRITERS + " writers, single-driver store (delta-default)", single,
                    "commits/s");
            report.figure("S3: commits/s, " + S3_WRITERS + " writers, Sluice conditional store", sluice, "commits/s");
            ratio.report(report, "");
            report.note("S3: blind appends of 10-row batches, " + S3_WRITERS + " writers x " + commitsPerWriter
                    + " commits, one shared DeltaLog per table, on the embedded S3Proxy (filesystem backend) through S3A");
        }
    }

    private static final int S3_WRITERS = 4;

    private static DeltaWorkload.Outcome measureS3(S3Access access, String name, LogStoreKind store, int commitsPerWriter)
            throws Exception {
        return run(name, new DeltaTables(store, DeltaTables.LocalFs.RAW, access, Emitter.NOOP),
                java.net.URI.create("s3://bench/" + name), S3_WRITERS, commitsPerWriter, 10, Emitter.NOOP);
    }

    private static DeltaWorkload.Outcome measure(Path root, String name, LogStoreKind store, int writers, int batches,
                                                 int rows, Emitter emitter) throws Exception {
        return run(name, new DeltaTables(store, DeltaTables.LocalFs.CHECKSUMMED, emitter),
                DeltaTables.uriOf(root.resolve(name)), writers, batches, rows, emitter);
    }

    private static DeltaWorkload.Outcome run(String name, DeltaTables tables, java.net.URI table, int writers, int batches,
                                             int rows, Emitter emitter) throws Exception {
        DeltaWorkload.Config config = new DeltaWorkload.Config(table, writers, batches,
                rows, 8, DeltaWorkload.Strategy.NAIVE, TableWriter.Mode.BLIND_APPEND, true,
                DeltaWorkload.LogSharing.SHARED, 0, Duration.ofMillis(5), 0);
        DeltaWorkload.Outcome outcome = new DeltaWorkload(config, tables, emitter, () -> false).run();
        if (outcome.failedBatches() > 0) {
            throw new IllegalStateException(name + ": " + outcome.failedBatches() + " blind appends failed");
        }
        return outcome;
    }

    /** Wall time per event at the throughput of 8 threads emitting commit events into a live pipeline. */
    private static double emitNanos(int perThread) throws Exception {
        CountingSink sink = new CountingSink();
        Pipeline pipeline = Pipeline.live(new RunInfo("bench", "bench-delta-emit", Map.of(), Instant.now(),
                RunInfo.currentVersion()), Pipeline.DEFAULT_CAPACITY, List.of(sink));
        Thread[] threads = new Thread[8];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads.length; t++) {
            String writer = "writer-" + t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    pipeline.emit(new DeltaEvent.CommitAttempted(writer, "file:///bench/table", writer + "/b" + i + "/r0",
                            writer + "/b" + i, CommitOperation.WRITE, i, 0, 10));
                }
            }, "bench-emit-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double nanos = (System.nanoTime() - t0) / (double) (perThread * threads.length);
        pipeline.close();
        return nanos; // inverse throughput, like the commit figure it is set against
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
