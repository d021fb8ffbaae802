package dev.sluice.bench;

import dev.sluice.event.Emitter;
import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import dev.sluice.pipeline.Pipeline;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code sluice bench pipeline}: two producer threads emit into a pipeline with a no-op sink.
 * Reports events/s through the dispatcher, and the producers' own work rate with and without
 * emitting (the probe overhead a hot path pays), as a ratio measured in the same process.
 */
final class PipelineBench implements Benchmark {

    private static final int PRODUCERS = 2;

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public String description() {
        return "2 producers into a no-op sink: events/s, and producer throughput with vs without emitting";
    }

    @Override
    public BenchReport run(boolean quick) throws Exception {
        long perProducer = quick ? 2_000_000 : 20_000_000;
        BenchReport report = new BenchReport(name());
        // warm-up both paths so the JIT has compiled them before anything is timed
        measure(perProducer / 4, true);
        measure(perProducer / 4, false);
        Result flood = measure(perProducer, true);
        report.figure("events/s delivered to the sink (flood)", flood.delivered / flood.seconds, "events/s", ">= 10000000");
        report.figure("emit calls/s (flood, both producers)", flood.emits / flood.seconds, "calls/s");
        report.figure("events dropped (flood, ring full)", flood.dropped, "events");
        // what the code costs, whatever share of the cores the scheduler gives each thread
        report.figure("dispatcher CPU per delivered event (flood)", flood.dispatcherCpuNanos / (double) flood.delivered, "ns");
        report.figure("producer CPU per emit call (flood)", flood.producerCpuNanos / (double) flood.emits, "ns");

        long workUnits = quick ? 1_000_000 : 10_000_000;
        Result baseline = measureWork(workUnits, false);
        Result probed = measureWork(workUnits, true);
        double baseRate = baseline.emits / baseline.seconds;
        double probedRate = probed.emits / probed.seconds;
        report.figure("producer work units/s without emitting", baseRate, "units/s");
        report.figure("producer work units/s emitting one event per unit", probedRate, "units/s");
        report.figure("producer throughput ratio (emitting / not)", probedRate / baseRate, "x");
        double baseCpuRate = baseline.emits / (baseline.producerCpuNanos / 1e9);
        double probedCpuRate = probed.emits / (probed.producerCpuNanos / 1e9);
        report.figure("producer work units per CPU second, emitting / not", probedCpuRate / baseCpuRate, "x");
        report.figure("events dropped (work loop)", probed.dropped, "events");
        report.note("a work unit is a 64-step xorshift over a long, about the cost of a small probe site");
        report.note("cores: " + Runtime.getRuntime().availableProcessors());
        return report;
    }

    /** A run's counts and wall time, with the CPU time of the dispatcher and of the producers together. */
    private record Result(long emits, long delivered, long dropped, double seconds, long dispatcherCpuNanos, long producerCpuNanos) { }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static RunInfo info() {
        return new RunInfo("bench", "bench-pipeline", Map.of(), Instant.now(), RunInfo.currentVersion());
    }

    private static Result measure(long perProducer, boolean emit) throws Exception {
        CountingSink sink = new CountingSink();
        AtomicLong producerCpu = new AtomicLong();
        Pipeline pipeline = Pipeline.live(info(), Pipeline.DEFAULT_CAPACITY, List.of(sink));
        FlightEvent.BatchConsumed body = new FlightEvent.BatchConsumed("conn-1", "stream-1", 1024, 65536);
        CountDownLatch start = new CountDownLatch(1);
        Thread[] producers = new Thread[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++) {
            producers[p] = new Thread(() -> {
                awaitQuietly(start);
                Emitter target = emit ? pipeline : Emitter.NOOP;
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                for (long i = 0; i < perProducer; i++) {
                    target.emit(body);
                }
                producerCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
            }, "bench-producer-" + p);
            producers[p].start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : producers) {
            t.join();
        }
        pipeline.close();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(perProducer * PRODUCERS, sink.count.get(), pipeline.dropped(), seconds, sink.cpuNanos.get(), producerCpu.get());
    }

    private static Result measureWork(long units, boolean emit) throws Exception {
        CountingSink sink = new CountingSink();
        AtomicLong producerCpu = new AtomicLong();
        Pipeline pipeline = Pipeline.live(info(), Pipeline.DEFAULT_CAPACITY, List.of(sink));
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong blackhole = new AtomicLong();
        Thread[] producers = new Thread[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++) {
            producers[p] = new Thread(() -> {
                awaitQuietly(start);
                Emitter target = emit ? pipeline : Emitter.NOOP;
                long x = Thread.currentThread().getId() * 0x9E3779B97F4A7C15L;
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                for (long i = 0; i < units; i++) {
                    for (int k = 0; k < 64; k++) {
                        x ^= x << 13;
                        x ^= x >>> 7;
                        x ^= x << 17;
                    }
                    target.emit(new FlightEvent.BatchConsumed("conn-1", "stream-1", i, x & 0xffff));
                }
                producerCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
                blackhole.addAndGet(x);
            }, "bench-worker-" + p);
            producers[p].start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : producers) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pipeline.close();
        return new Result(units * PRODUCERS, sink.count.get(), pipeline.dropped(), seconds, sink.cpuNanos.get(), producerCpu.get());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts what it gets; on close (on the dispatcher thread) takes the dispatcher's CPU time. */
    private static final class CountingSink implements EventSink {
        final AtomicLong count = new AtomicLong();
        final AtomicLong cpuNanos = new AtomicLong();

        @Override
        public void accept(List<Event> batch) {
            count.addAndGet(batch.size());
        }

        @Override
        public void close() {
            cpuNanos.set(THREADS.getCurrentThreadCpuTime());
        }
    }
}
