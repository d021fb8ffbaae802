package dev.sluice.bench;

import dev.sluice.engine.flight.EmbeddedFlightServers;
import dev.sluice.engine.flight.ShuffleProducer;
import dev.sluice.engine.s3.EmbeddedS3Server;
import dev.sluice.engine.s3.SampleDataset;
import dev.sluice.scenario.DataDirs;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * {@code sluice bench agent}: what the agent costs a job. Two plain "user apps" ({@link AgentBenchS3App}: an
 * {@code S3AsyncClient} reading from the embedded S3Proxy; {@link AgentBenchFlightApp}: {@code FlightClient}s
 * reading embedded Flight servers) run as child JVMs ({@link AgentBenchJvm}) with and without
 * {@code -javaagent:sluice-agent.jar=record=…}, in {@link #ROUNDS} ({@link #QUICK_ROUNDS}) rounds. A round's two
 * children are alive together ({@link AgentBenchChild}): each warms up in turn, then their timed passes alternate in
 * pairs whose order flips every pair (with, none; none, with; …), so what drifts over a round (the servers' JIT and GC,
 * the host's clock, other processes) falls on both alike, and a round's ratio compares the two sides over the same
 * seconds. Each child measures itself: throughput and process CPU over its timed passes, and its start-up.
 * The servers run in this JVM, so the children's CPU is the client's alone.
 */
final class AgentBench implements Benchmark {

    static final int ROUNDS = 7; // each ratio is the median of the rounds' own, with its spread
    /** {@code --quick}: fewer rounds (a child's JVM start is most of its time) of longer S3 reads, within 3 min. */
    static final int QUICK_ROUNDS = 5;

    private final Path sluiceCode;

    AgentBench() {
        this(ownCode());
    }

    /** {@code sluiceCode}: Sluice's jar or classes directory, beside which the agent jar is looked for. */
    AgentBench(Path sluiceCode) {
        this.sluiceCode = sluiceCode;
    }

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public String description() {
        return "S3 and Flight user apps as child JVMs with and without -javaagent:sluice-agent.jar=record=...: "
                + "throughput, CPU per GiB and start-up, with / without";
    }

    @Override
    public BenchReport run(boolean quick) throws Exception {
        long started = System.nanoTime();
        int objects = quick ? 32 : 128;
        long size = quick ? 1L << 20 : 4L << 20;
        int ways = quick ? 16 : 32;
        // the passes are short (S3: 32 MiB at 150-400 MiB/s; Flight: ~30 MiB) and the JIT still compiles for a second or
        // more after any warm-up that fits the bench's time (it did after 10 s too): many passes, so that second is
        // spread over both sides' alternating passes instead of deciding one side's figure
        int passes = 8;
        int s3Passes = 16;
        int rounds = quick ? QUICK_ROUNDS : ROUNDS;
        long batches = quick ? 8 : 32;
        long batchBytes = quick ? 512 << 10 : 1 << 20;
        EmbeddedFlightServers.Spec spec = new EmbeddedFlightServers.Spec(2, 4, batches, batchBytes, 0, 1 << 20);
        SampleDataset data = new SampleDataset("sluice-bench-agent", objects, size, size);
        BenchReport report = new BenchReport(name());
        try (AgentBenchJvm jvm = AgentBenchJvm.prepare(sluiceCode, System.getProperty("java.class.path"),
                AgentBenchJvm.heapMiB(ways, size));
             EmbeddedS3Server s3 = EmbeddedS3Server.start(DataDirs.userDataDir().resolve("s3").resolve("embedded-s3"));
             BufferAllocator root = new RootAllocator();
             EmbeddedFlightServers flight = EmbeddedFlightServers.start(root, spec)) {
            data.seed(s3);
            AwsCredentials key = s3.credentials().provider().resolveCredentials();
            Workload s3Reads = new Workload("S3", AgentBenchS3App.class,
                    Map.of(AgentBenchS3App.KEY_ID, key.accessKeyId(), AgentBenchS3App.SECRET, key.secretAccessKey()),
                    List.of(s3.target(data.bucket(), data.prefix()).endpoint().toString(), data.bucket(), data.prefix(),
                            Integer.toString(ways)), s3Passes);
            List<String> flightArgs = new ArrayList<>(List.of(IntStream.range(0, spec.partitions())
                            .mapToObj(p -> new String(ShuffleProducer.ticket(p).getBytes(), StandardCharsets.UTF_8))
                            .collect(Collectors.joining(","))));
            flight.locations().stream().map(Location::getUri).map(Object::toString).forEach(flightArgs::add);
            Workload flightReads = new Workload("Flight", AgentBenchFlightApp.class, Map.of(), flightArgs, passes);
            for (int r = 0; r < rounds; r++) {
                s3Reads.round(jvm, r % 2 == 0);
                flightReads.round(jvm, r % 2 == 1);
            }
            long s3Bytes = data.totalBytes() * s3Passes;
            s3Reads.report(report, s3Bytes);
            flightReads.report(report, -1);
            report.note(String.format(Locale.ROOT, "S3: %d objects x %d KiB, %d-way, on Netty; Flight: 2 endpoints x %d streams"
                    + " x %d batches of %d KiB, one stream after another; each child warms up until two consecutive passes agree"
                    + " within %.0f%% and the JIT compiled for at most %.0f%% of the last one's time (at least %d passes, at most"
                    + " %.0f s), then %d (S3) and %d (Flight) timed passes", objects, size >> 10, ways, spec.partitions(),
                    batches, batchBytes >> 10, AgentBenchFigures.STEADY * 100, AgentBenchFigures.JIT_QUIET * 100,
                    AgentBenchFigures.MIN_WARM_UP, AgentBenchFigures.MAX_WARM_UP_MILLIS / 1e3, s3Passes, passes));
            report.note("the children's JVM options, both sides: " + String.join(" ", jvm.jvmOptions()) + " "
                    + System.getProperty(AgentBenchJvm.CHILD_OPTIONS_PROPERTY, "") + "; the servers' CPU is the bench JVM's "
                    + "process CPU over each of the child's timed passes");
        }
        report.figure("the whole bench agent" + (quick ? " --quick" : ""), (System.nanoTime() - started) / 1e9, "s",
                quick ? "<= 180 s" : "");

        report.note("each ratio is the median of " + rounds + " rounds' own (with the agent over without); a round's two "
                + "children are alive together, warm up in turn (the order flipped every round), then alternate their timed "
                + "passes in pairs whose order flips every pair; throughput is a child's bytes over the time of its own "
                + "passes; CPU is its process CPU from its first timed pass to its last, the waits between included (both "
                + "sides alike); start-up: JVM start to the app's first request, and the agent's own start (its premain); "
                + "cores: " + Runtime.getRuntime().availableProcessors());
        report.note(String.format(Locale.ROOT, "process CPU is read on a clock that steps by %.1f ms (ProcessCpuClock): "
                + "the CPU within a child's own passes and the servers' sum one reading per pass, the CPU per GiB is one "
                + "reading over all of a child's passes", ProcessCpuClock.resolutionNanos() / 1e6));
        return report;
    }

    /** One user app, its arguments and what its rounds measured. */
    private static final class Workload {
        final String name;
        final Class<?> app;
        final Map<String, String> env;
        final List<String> args;
        /** Timed passes per child and round. */
        final int passes;
        final RoundRatios throughput;
        final RoundRatios cpu;
        final RoundRatios passCpu;
        final RoundRatios startWithout;
        final RoundRatios startWith;
        final RoundRatios agentStart;
        final RoundRatios agentWeaving;
        final RoundRatios warmUpWithout;
        final RoundRatios warmUpWith;
        final RoundRatios warmUpTimeWithout;
        final RoundRatios warmUpTimeWith;
        int notQuietWithout;
        int notQuietWith;
        final RoundRatios agentCpuBefore;
        final RoundRatios agentCpuTimedShare;
        final RoundRatios jitBeforeWithout;
        final RoundRatios jitBeforeWith;
        final RoundRatios jitTimedWithout;
        final RoundRatios jitTimedWith;
        final RoundRatios serverCpu;
        final RoundRatios gcWithout;
        final RoundRatios gcWith;
        final RoundRatios allocatedWithout;
        final RoundRatios allocatedWith;
        int notReadyRounds;
        double bestWithout;
        double bestWith;
        /** Each round's two children: which ran first and what each read per second, to tell which side varied. */
        final List<String> perRound = new ArrayList<>();
        long bytes = -1;
        long traceBytes;

        Workload(String name, Class<?> app, Map<String, String> env, List<String> args, int passes) {
            this.name = name;
            this.app = app;
            this.env = env;
            this.args = args;
            this.passes = passes;
            throughput = new RoundRatios(name + ": throughput, agent / none");
            cpu = new RoundRatios(name + ": CPU per GiB, agent / none");
            passCpu = new RoundRatios(name + ": CPU per GiB within the child's own passes, agent / none");
            startWithout = new RoundRatios(name + ": JVM start to 1st request, no agent", "ms");
            startWith = new RoundRatios(name + ": JVM start to 1st request, agent", "ms");
            agentStart = new RoundRatios(name + ": the agent's own start (premain)", "ms");
            agentWeaving = new RoundRatios(name + ": the agent's weaving built, beside the job's start", "ms");
            warmUpWithout = new RoundRatios(name + ": warm-up passes until steady, no agent", "passes");
            warmUpWith = new RoundRatios(name + ": warm-up passes until steady, agent", "passes");
            warmUpTimeWithout = new RoundRatios(name + ": warm-up time until steady and the JIT quiet, no agent", "ms");
            warmUpTimeWith = new RoundRatios(name + ": warm-up time until steady and the JIT quiet, agent", "ms");
            agentCpuBefore = new RoundRatios(name + ": the agent's threads' CPU before the timed passes", "ms");
            agentCpuTimedShare = new RoundRatios(name + ": the agent's threads' CPU in the timed passes, of the child's", "%");
            jitBeforeWithout = new RoundRatios(name + ": JIT time before the timed passes, no agent", "ms");
            jitBeforeWith = new RoundRatios(name + ": JIT time before the timed passes, agent", "ms");
            jitTimedWithout = new RoundRatios(name + ": JIT time in the timed passes, no agent", "ms");
            jitTimedWith = new RoundRatios(name + ": JIT time in the timed passes, agent", "ms");
            serverCpu = new RoundRatios(name + ": the servers' CPU per GiB over the child's timed passes, agent / none");
            gcWithout = new RoundRatios(name + ": GC time in the timed passes, no agent", "ms");
            gcWith = new RoundRatios(name + ": GC time in the timed passes, agent", "ms");
            allocatedWithout = new RoundRatios(name
                    + ": allocated in the timed passes per GiB read, by threads alive at their end, no agent", "MiB");
            allocatedWith = new RoundRatios(name
                    + ": allocated in the timed passes per GiB read, by threads alive at their end, agent", "MiB");
        }

        /**
         * Runs the app without and with the agent, alive together: started and warmed up one after the other
         * ({@code agentFirst}: the agent's first), then their timed passes in pairs, the order flipped every pair.
         */
        void round(AgentBenchJvm jvm, boolean agentFirst) throws Exception {
            AgentBenchJvm.Figures with;
            AgentBenchJvm.Figures without;
            try (AgentBenchChild first = jvm.start(app, agentFirst, env, args);
                 AgentBenchChild second = jvm.start(app, !agentFirst, env, args)) {
                first.warmUp();
                second.warmUp();
                for (int p = 0; p < passes; p++) {
                    // first, second; second, first; …: a drift within the round falls on both sides alike
                    (p % 2 == 0 ? first : second).pass();
                    (p % 2 == 0 ? second : first).pass();
                }
                AgentBenchJvm.Figures firstFigures = first.end();
                AgentBenchJvm.Figures secondFigures = second.end();
                with = agentFirst ? firstFigures : secondFigures;
                without = agentFirst ? secondFigures : firstFigures;
            }
            if (with.bytes() != without.bytes() || (bytes >= 0 && with.bytes() != bytes)) {
                throw new IllegalStateException("bench agent: " + name + " read " + without.bytes() + " bytes without the agent, "
                        + with.bytes() + " with it, " + bytes + " before; the same data was expected every time");
            }
            bytes = with.bytes();
            throughput.add(with.mibPerSecond() / without.mibPerSecond());
            cpu.add(with.cpuSecondsPerGiB() / without.cpuSecondsPerGiB());
            passCpu.add(with.passCpuSecondsPerGiB() / without.passCpuSecondsPerGiB());
            startWithout.add(without.firstRequestMillis());
            startWith.add(with.firstRequestMillis());
            agentStart.add(with.agentStartMillis());
            agentWeaving.add(with.agentWeavingMillis());
            warmUpWithout.add(without.warm().warmUpPasses());
            warmUpWith.add(with.warm().warmUpPasses());
            warmUpTimeWithout.add(without.warm().warmUpMillis());
            warmUpTimeWith.add(with.warm().warmUpMillis());
            notQuietWithout += without.warm().jitQuiet() ? 0 : 1;
            notQuietWith += with.warm().jitQuiet() ? 0 : 1;
            agentCpuBefore.add(with.warm().agentCpuBeforeNanos() / 1e6);
            agentCpuTimedShare.add(100.0 * with.warm().agentCpuTimedNanos() / with.cpuNanos());
            jitBeforeWithout.add(without.warm().jitBeforeMillis());
            jitBeforeWith.add(with.warm().jitBeforeMillis());
            jitTimedWithout.add(without.warm().jitTimedMillis());
            jitTimedWith.add(with.warm().jitTimedMillis());
            notReadyRounds += with.warm().agentReadyBefore() ? 0 : 1;
            serverCpu.add(with.serverCpuSecondsPerGiB() / without.serverCpuSecondsPerGiB());
            gcWithout.add(without.costs().gcMillis());
            gcWith.add(with.costs().gcMillis());
            allocatedWithout.add(without.allocatedMiBPerGiB());
            allocatedWith.add(with.allocatedMiBPerGiB());
            perRound.add(String.format(Locale.ROOT, "%s first: %.1f / %.1f", agentFirst ? "agent" : "none",
                    without.mibPerSecond(), with.mibPerSecond()));
            bestWithout = Math.max(bestWithout, without.mibPerSecond());
            bestWith = Math.max(bestWith, with.mibPerSecond());
            traceBytes = Math.max(traceBytes, with.traceBytes());
        }

        /** {@code expectedBytes}: what the timed passes must have read, or -1 when only sameness is checked. */
        void report(BenchReport report, long expectedBytes) {
            if (expectedBytes >= 0 && bytes != expectedBytes) {
                throw new IllegalStateException("bench agent: " + name + " read " + bytes + " bytes in its timed passes, "
                        + "expected " + expectedBytes);
            }
            report.figure(name + ": no agent, best round", bestWithout, "MiB/s");
            report.figure(name + ": agent recording, best round", bestWith, "MiB/s");
            throughput.report(report, ">= 0.97");
            cpu.report(report, "");
            passCpu.report(report, "");
            serverCpu.report(report, "");
            allocatedWithout.report(report, "");
            allocatedWith.report(report, "");
            gcWithout.report(report, "");
            gcWith.report(report, "");
            startWithout.report(report, "");
            startWith.report(report, "");
            agentStart.report(report, "<= 1000 ms");
            agentWeaving.report(report, "");
            agentCpuBefore.report(report, "");
            agentCpuTimedShare.report(report, "");
            warmUpWithout.report(report, "");
            warmUpWith.report(report, "");
            warmUpTimeWithout.report(report, "");
            warmUpTimeWith.report(report, "");
            jitBeforeWithout.report(report, "");
            jitBeforeWith.report(report, "");
            jitTimedWithout.report(report, "");
            jitTimedWith.report(report, "");
            report.note(name + ": children whose warm-up ran out of time before the JIT was quiet: " + notQuietWithout
                    + " without the agent, " + notQuietWith + " with it");
            report.note(name + ": MiB/s per round, no agent / agent: " + String.join("; ", perRound));
            report.note(name + ": rounds whose agent child began its timed passes before its weaving and trace open were"
                    + " done: " + notReadyRounds);
            report.note(name + ": " + bytes / 1048576 + " MiB per child's timed passes; largest trace "
                    + traceBytes / 1024 + " KiB");
        }
    }

    private static Path ownCode() {
        try {
            return Path.of(AgentBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bench agent: cannot tell where Sluice's code is: " + e.getMessage(), e);
        }
    }
}
