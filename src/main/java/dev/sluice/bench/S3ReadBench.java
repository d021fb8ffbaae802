package dev.sluice.bench;

import dev.sluice.engine.s3.ClientOptions;
import dev.sluice.engine.s3.ConcurrentReader;
import dev.sluice.engine.s3.EmbeddedS3Server;
import dev.sluice.engine.s3.LoopWatchdog;
import dev.sluice.engine.s3.ReadReport;
import dev.sluice.engine.s3.ReaderConfig;
import dev.sluice.engine.s3.S3ClientFactory;
import dev.sluice.engine.s3.S3Target;
import dev.sluice.engine.s3.SampleDataset;
import dev.sluice.engine.s3.ThreadRegistry;
import dev.sluice.event.Emitter;
import dev.sluice.event.RunInfo;
import dev.sluice.event.S3Event.ClientKind;
import dev.sluice.event.S3Event.Lifecycle;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.scenario.DataDirs;
import dev.sluice.scenario.FindingsSink;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sluice bench s3-read}: the embedded S3Proxy (filesystem backend) serving 256 × 4 MiB
 * objects, read 64-way. Reports MiB/s of Sluice's reader per client kind with probes on (events
 * through a live pipeline into the detectors, watchdog sampling), probes off vs on for the default
 * kind, and plain SDK clients reading the same objects without Sluice's code — all in one run.
 */
final class S3ReadBench implements Benchmark {

    @Override
    public String name() {
        return "s3-read";
    }

    @Override
    public String description() {
        return "embedded S3Proxy, 256 x 4 MiB, 64-way: MiB/s per client kind with probes, probes off/on, plain SDK baseline";
    }

    @Override
    public BenchReport run(boolean quick) throws Exception {
        // --quick: 192 MiB a pass, ~1 s of process CPU, so the clock's 10 ms steps (ProcessCpuClock) move a CPU ratio
        // by ~2 %; 32 MiB passes gave ratios of 15 and 16 steps, ±7 % on the clock alone
        int objects = quick ? 192 : 256;
        long size = quick ? 1L << 20 : 4L << 20;
        int ways = quick ? 16 : 64;
        int passes = 5; // at least 5 interleaved on/off rounds, --quick too: a ratio is its median over them
        SampleDataset data = new SampleDataset("sluice-bench", objects, size, size);
        BenchReport report = new BenchReport(name());
        try (EmbeddedS3Server server = EmbeddedS3Server.start(DataDirs.userDataDir().resolve("s3").resolve("embedded-s3"))) {
            data.seed(server);
            S3Target target = server.target(data.bucket(), data.prefix());
            ReaderConfig sync = ReaderConfig.defaults().withConcurrency(ways, Math.min(ways, 8)).withDigest(false);
            ReaderConfig netty = sync.withClient(ClientOptions.defaults(ClientKind.NETTY, Lifecycle.SHARED)
                    .withMaxConnections(ways).withEventLoops(Math.max(2, Runtime.getRuntime().availableProcessors())));
            ReaderConfig crt = sync.withClient(ClientOptions.defaults(ClientKind.CRT, Lifecycle.SHARED).withMaxConnections(ways));
            PlainSdkReader plain = new PlainSdkReader(target, ways);
            // warm-up: every path once, so the JIT and the server's page cache are warm before timing
            read(target, sync, true);
            read(target, netty, true);
            read(target, crt, true);
            plain.readSync(data);
            plain.readNetty(data);

            // passes interleaved, best of N each: load from elsewhere hits every path alike
            double nettyOn = 0;
            double syncOn = 0;
            double syncOff = 0;
            double plainSync = 0;
            double plainNetty = 0;
            double crtOn = 0;
            double cpuOn = Double.MAX_VALUE;
            double cpuOff = Double.MAX_VALUE;
            long cpuResolution = ProcessCpuClock.resolutionNanos();
            long shortestPassCpu = Long.MAX_VALUE;
            RoundRatios throughput = new RoundRatios("probes on / off (sync), throughput");
            RoundRatios efficiency = new RoundRatios("probes off / on (sync), CPU efficiency");
            for (int pass = 0; pass < passes; pass++) {
                // on/off in alternating order, so neither always follows the same pass
                double[] roundMibps = new double[2];
                double[] roundCpu = new double[2];
                for (boolean probes : pass % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    long cpu0 = ProcessCpuClock.now();
                    double mibps = read(target, sync, probes);
                    long passCpu = ProcessCpuClock.now() - cpu0;
                    shortestPassCpu = Math.min(shortestPassCpu, passCpu);
                    double cpuPerGiB = passCpu / 1e9 / (data.totalBytes() / (double) (1L << 30));
                    roundMibps[probes ? 0 : 1] = mibps;
                    roundCpu[probes ? 0 : 1] = cpuPerGiB;
                    if (probes) {
                        syncOn = Math.max(syncOn, mibps);
                        cpuOn = Math.min(cpuOn, cpuPerGiB);
                    } else {
                        syncOff = Math.max(syncOff, mibps);
                        cpuOff = Math.min(cpuOff, cpuPerGiB);
                    }
                }
                throughput.add(roundMibps[0] / roundMibps[1]);
                efficiency.add(roundCpu[1] / roundCpu[0]);
                crtOn = Math.max(crtOn, read(target, crt, true));
                plainSync = Math.max(plainSync, plain.readSync(data));
                nettyOn = Math.max(nettyOn, read(target, netty, true));
                plainNetty = Math.max(plainNetty, plain.readNetty(data));
            }
            double plainBest = Math.max(plainSync, plainNetty);
            report.figure("sluice reader, netty, probes on", nettyOn, "MiB/s");
            report.figure("sluice reader, crt, probes on", crtOn, "MiB/s");
            report.figure("sluice reader, sync (default), probes on", syncOn, "MiB/s");
            report.figure("sluice reader, sync (default), probes off", syncOff, "MiB/s");
            throughput.report(report, ">= 0.97");
            report.figure("process CPU per GiB, probes on (sync)", cpuOn, "cpu-s/GiB");
            report.figure("process CPU per GiB, probes off (sync)", cpuOff, "cpu-s/GiB");
            efficiency.report(report, ">= 0.97");
            report.figure("plain SDK S3Client (url-connection), " + ways + " threads", plainSync, "MiB/s");
            report.figure("plain SDK S3AsyncClient (netty), " + ways + "-way", plainNetty, "MiB/s");
            report.figure("sluice default (probes on) / best plain SDK", syncOn / plainBest, "x", ">= 1.0");
            report.figure("sluice netty (probes on) / plain netty", nettyOn / plainNetty, "x");
            report.note(String.format(Locale.ROOT, "the process CPU clock steps by %.1f ms; the shortest on/off pass took %.0f ms"
                    + " of CPU, so the clock alone can move a pass's CPU ratio by up to %.1f %%", cpuResolution / 1e6,
                    shortestPassCpu / 1e6, 100 * ProcessCpuClock.ratioUncertainty(cpuResolution, shortestPassCpu)));
        }
        report.note(objects + " objects x " + size / 1024 + " KiB, " + ways + " requests in flight, lengths checked (no MD5) on every path");
        report.note("CPU per GiB counts the whole process (reader, probes, pipeline, detectors and the embedded server); "
                + "it is steadier than MiB/s when other jobs share the cores");
        report.note("each MiB/s and CPU figure is the best of " + passes + " interleaved passes, each ratio the median of "
                + "the passes' own ratios; cores: " + Runtime.getRuntime().availableProcessors()
                + " (shared with the server, which runs in this process)");
        return report;
    }

    /** One read of the whole prefix through Sluice's reader; probes on = live pipeline + detectors + watchdog. */
    private static double read(S3Target target, ReaderConfig config, boolean probes) throws Exception {
        ThreadRegistry registry = new ThreadRegistry();
        Pipeline pipeline = probes ? Pipeline.live(new RunInfo("bench", "bench-s3-read", Map.of(), Instant.now(),
                RunInfo.currentVersion()), Pipeline.DEFAULT_CAPACITY, List.of(new FindingsSink())) : null;
        Emitter emitter = probes ? pipeline : Emitter.NOOP;
        S3ClientFactory factory = new S3ClientFactory(target, emitter, registry);
        LoopWatchdog watchdog = probes ? new LoopWatchdog(registry, emitter, 100) : null;
        if (watchdog != null) {
            watchdog.watchPools(factory);
        }
        try {
            ReadReport r = new ConcurrentReader(factory, config, emitter)
                    .read(o -> { }, () -> false);
            if (!r.failures().isEmpty()) {
                throw new IllegalStateException("bench read failed: " + r.failures().get(0));
            }
            return r.mibPerSecond();
        } finally {
            if (watchdog != null) {
                watchdog.close();
            }
            if (pipeline != null) {
                pipeline.close();
            }
        }
    }

}
