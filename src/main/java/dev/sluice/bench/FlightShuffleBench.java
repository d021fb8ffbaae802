package dev.sluice.bench;

import dev.sluice.engine.flight.EmbeddedFlightServers;
import dev.sluice.engine.flight.ShuffleClient;
import dev.sluice.engine.flight.ShuffleConfig;
import dev.sluice.engine.flight.ShuffleResult;
import dev.sluice.event.Emitter;
import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent.ReceiverPolicy;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.scenario.flight.FlightScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * {@code sluice bench flight-shuffle}: 2 embedded endpoints x 4 streams on 127.0.0.1 (1 GiB, or
 * 64 MiB with --quick). Same servers, same streams, same run: the drain client against a plain
 * {@link FlightClient} reading the streams one after another, and the drain client with window
 * sampling off, every 10 ms and every 1 ms (events into a live pipeline with a no-op sink).
 * Each configuration runs once per round, in an order rotated every round; the best round counts.
 */
final class FlightShuffleBench implements Benchmark {

    private static final int ENDPOINTS = 2;
    private static final int STREAMS_PER_ENDPOINT = 4;

    @Override
    public String name() {
        return "flight-shuffle";
    }

    @Override
    public String description() {
        return "Flight shuffle, 2 endpoints x 4 streams: drain vs plain sequential FlightClient, window sampling off/10ms/1ms";
    }

    @Override
    public BenchReport run(boolean quick) throws Exception {
        long batchBytes = quick ? 512 << 10 : 1 << 20;
        long batches = quick ? 16 : 128;
        int rounds = 5; // at least 5 rounds, --quick too: each ratio is its median over the rounds, with its spread
        BenchReport report = new BenchReport(name());
        try (BufferAllocator root = new RootAllocator()) {
            EmbeddedFlightServers.Spec spec = new EmbeddedFlightServers.Spec(ENDPOINTS, STREAMS_PER_ENDPOINT, batches, batchBytes,
                    0, 1 << 20);
            try (EmbeddedFlightServers servers = EmbeddedFlightServers.start(root, spec)) {
                List<ShuffleClient.Endpoint> endpoints = FlightScenario.endpoints(servers);
                long rows = servers.rowsPerPartition() * ENDPOINTS * STREAMS_PER_ENDPOINT;
                // warm-up: JIT and connections' code paths, small share of the volume
                plain(endpoints, root, rows);
                drain(endpoints, root, Duration.ZERO, false, rows);
                double plain = 0;
                double drain = 0;
                double off = 0;
                double every10 = 0;
                double every1 = 0;
                double cost10 = 0;
                double cost1 = 0;
                long events10 = 0;
                long events1 = 0;
                long bytes = 0;
                RoundRatios ratio10 = new RoundRatios("sampling 10 ms / off");
                RoundRatios ratio1 = new RoundRatios("sampling 1 ms / off");
                RoundRatios share10 = new RoundRatios("event-loop share, sampling 10 ms", "%");
                RoundRatios share1 = new RoundRatios("event-loop share, sampling 1 ms", "%");
                // every round runs the five configurations in a rotated order, so none is always last
                for (int r = 0; r < rounds; r++) {
                    double[] round = new double[3]; // this round's off, 10 ms and 1 ms rates
                    for (int k = 0; k < 5; k++) {
                        switch ((k + r) % 5) {
                            case 0 -> {
                                Measured p = plain(endpoints, root, rows);
                                bytes = p.bytes;
                                plain = Math.max(plain, p.rate());
                            }
                            case 1 -> drain = Math.max(drain, drain(endpoints, root, Duration.ZERO, false, rows).rate());
                            case 2 -> {
                                round[0] = drain(endpoints, root, Duration.ZERO, true, rows).rate();
                                off = Math.max(off, round[0]);
                            }
                            case 3 -> {
                                Measured m10 = drain(endpoints, root, Duration.ofMillis(10), true, rows);
                                round[1] = m10.rate();
                                share10.add(m10.samplingShare() * 100);
                                every10 = Math.max(every10, m10.rate());
                                cost10 = Math.max(cost10, m10.samplingShare());
                                events10 = m10.events();
                            }
                            default -> {
                                Measured m1 = drain(endpoints, root, Duration.ofMillis(1), true, rows);
                                round[2] = m1.rate();
                                share1.add(m1.samplingShare() * 100);
                                every1 = Math.max(every1, m1.rate());
                                cost1 = Math.max(cost1, m1.samplingShare());
                                events1 = m1.events();
                            }
                        }
                    }
                    ratio10.add(round[1] / round[0]);
                    ratio1.add(round[2] / round[0]);
                }
                double mib = 1 << 20;
                report.figure("plain FlightClient, streams one after another", plain / mib, "MiB/s");
                report.figure("drain client (probes off)", drain / mib, "MiB/s");
                report.figure("drain / plain", drain / plain, "x", ">= 1.0");
                report.figure("drain, events on, sampling off", off / mib, "MiB/s");
                report.figure("drain, sampling every 10 ms", every10 / mib, "MiB/s");
                report.figure("drain, sampling every 1 ms", every1 / mib, "MiB/s");
                ratio10.report(report, ">= 0.99");
                ratio1.report(report, "");
                share10.report(report, "<= 1");
                share1.report(report, "");
                report.figure("event-loop CPU sampling, 10 ms, worst round", cost10 * 100, "%");
                report.figure("event-loop CPU sampling, 1 ms, worst round", cost1 * 100, "%");
                report.figure("events per run, sampling 10 ms", events10, "events");
                report.figure("events per run, sampling 1 ms", events1, "events");
                report.note(String.format("%d endpoints x %d streams x %d batches of ~%d KiB = %.0f MiB of Arrow buffers per run, "
                        + "%d rows", ENDPOINTS, STREAMS_PER_ENDPOINT, batches, batchBytes >> 10, bytes / mib, rows));
                report.note("MiB/s: best of " + rounds + " rounds; ratios and shares: median of the rounds' own; configurations rotated each round; window 1 MiB fixed, grpc-java receiver, 127.0.0.1");
                report.note("cores: " + Runtime.getRuntime().availableProcessors() + " (shared machine: ratios matter, not absolutes)");
            }
        }
        return report;
    }

    private record Measured(long bytes, long nanos, long samplingNanos, long events) {
        double rate() {
            return bytes / (nanos / 1e9);
        }

        /** Sampling time as a share of one event loop's time (one connection per loop). */
        double samplingShare() {
            return samplingNanos / (double) ENDPOINTS / nanos;
        }
    }

    private static Measured plain(List<ShuffleClient.Endpoint> endpoints, BufferAllocator root, long expectedRows) throws Exception {
        long t0 = System.nanoTime();
        long bytes = 0;
        long rows = 0;
        for (ShuffleClient.Endpoint e : endpoints) {
            try (BufferAllocator a = root.newChildAllocator("bench-plain", 0, Long.MAX_VALUE);
                 FlightClient client = FlightClient.builder(a, e.location()).build()) {
                for (Ticket t : e.tickets()) {
                    try (FlightStream s = client.getStream(t)) {
                        while (s.next()) {
                            rows += s.getRoot().getRowCount();
                            for (var v : s.getRoot().getFieldVectors()) {
                                bytes += v.getBufferSize();
                            }
                        }
                    }
                }
            }
        }
        long nanos = System.nanoTime() - t0;
        if (rows != expectedRows) {
            throw new IllegalStateException("plain client read " + rows + " rows, expected " + expectedRows);
        }
        return new Measured(bytes, nanos, 0, 0);
    }

    private static Measured drain(List<ShuffleClient.Endpoint> endpoints, BufferAllocator root, Duration sampleEvery,
                                  boolean events, long expectedRows) throws Exception {
        ShuffleConfig config = new ShuffleConfig(ReceiverPolicy.GRPC_JAVA, 1 << 20, false, ShuffleConfig.Strategy.DRAIN,
                ShuffleConfig.Order.ARRIVAL, 4L << 30, Duration.ofSeconds(10), 2, sampleEvery, Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ZERO, Duration.ofSeconds(10));
        AtomicLong delivered = new AtomicLong();
        EventSink sink = (List<Event> batch) -> delivered.addAndGet(batch.size());
        Pipeline pipeline = events ? Pipeline.live(new RunInfo("bench", "bench-flight", Map.of(), Instant.now(),
                RunInfo.currentVersion()), Pipeline.DEFAULT_CAPACITY, List.of(sink)) : null;
        ShuffleResult r;
        long nanos;
        try {
            Emitter out = pipeline == null ? Emitter.NOOP : pipeline;
            long t0 = System.nanoTime();
            r = new ShuffleClient(config, out).run(endpoints, root, () -> false);
            nanos = System.nanoTime() - t0;
            if (!r.allOk() || r.rowsConsumed() != expectedRows) {
                throw new IllegalStateException("drain run failed or lost rows: " + r);
            }
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
        }
        // counted after close, when the dispatcher has delivered everything
        return new Measured(r.bytesConsumed(), nanos, r.samplingNanos(), delivered.get());
    }
}
