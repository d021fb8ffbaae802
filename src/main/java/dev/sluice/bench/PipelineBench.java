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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code sluice bench pipeline}: two producer threads emit into a pipeline with a no-op sink.
 * Reports events/s through the dispatcher three ways (producers that wait when their ring is full;
 * probes' {@code emit} at a fixed offered rate; probes' {@code emit} flat out, dropping), the CPU
 * the dispatcher spends per event and a producer per emit, and the producers' own work rate with
 * and without emitting (the probe overhead a hot path pays), as ratios measured in the same process.
 */
final class PipelineBench implements Benchmark {

    private static final int PRODUCERS = 2;
    /** The offered rate of the paced run, both producers together: the goal with a margin. */
    private static final double PACED_RATE = 12e6;
    private static final int PACE_CHUNK = 256;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** How a producer hands its events over. */
    private enum Mode {
        /** {@link Pipeline#offer}, yielding while its ring is full: nothing dropped, the pipeline's own rate. */
        WAIT,
        /** {@link Pipeline#emit} (what a probe calls) at {@link #PACED_RATE}. */
        PACED,
        /** {@link Pipeline#emit} flat out: drops whatever finds the ring full. */
        FLOOD,
        /** No pipeline work (the baseline of the work loop). */
        NONE
    }

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public String description() {
        return "2 producers into a no-op sink: events/s delivered, dispatcher CPU per event, producer throughput with vs without emitting";
    }

    @Override
    public BenchReport run(boolean quick) throws Exception {
        long perProducer = quick ? 2_000_000 : 20_000_000;
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        BenchReport report = new BenchReport(name());
        // warm-up every path so the JIT has compiled them before anything is timed
        for (Mode mode : Mode.values()) {
            measure(perProducer / 4, mode);
        }
        Result waiting = measure(perProducer, Mode.WAIT);
        // the verdict is the paced row (probes emit, never wait); yielding producers cannot drop, so no goal here
        report.figure("events/s delivered, producers yielding while their ring is full", waiting.deliveredRate(), "events/s");
        report.figure("events dropped (yielding producers: offer refuses, never drops)", waiting.dropped, "events");
        report.figure("dispatcher CPU per delivered event (yielding producers)", waiting.dispatcherPerEvent(), "ns");
        report.figure("producer CPU per emit call (yielding producers)", waiting.producerPerEmit(), "ns");
        Result paced = measure(perProducer, Mode.PACED);
        report.figure(String.format(Locale.ROOT, "events/s offered by emit, paced at %.0f M/s", PACED_RATE / 1e6), paced.offeredRate(), "events/s");
        report.figure("events/s delivered (paced emit)", paced.deliveredRate(), "events/s", ">= 10000000");
        report.figure("events dropped (paced emit)", paced.dropped, "events", "0");
        report.figure("dispatcher CPU per delivered event (paced emit)", paced.dispatcherPerEvent(), "ns");
        report.figure("dispatcher parks cut short by a half-full ring (paced emit)", paced.earlyWakes, "");
        // a ring found full goes on in a spare segment instead of dropping: how often, and how many were out at once
        report.figure("spare ring segments borrowed by a full ring (paced emit)", paced.spareBorrows, "segments");
        report.figure("most spare segments out at once (paced emit)", paced.mostSpares, "segments");
        report.note(paced.timeline);
        Result flood = measure(perProducer, Mode.FLOOD);
        report.figure("events/s delivered to the sink (flood, emit flat out)", flood.deliveredRate(), "events/s");
        report.figure("emit calls/s (flood, both producers)", flood.offeredRate(), "calls/s");
        report.figure("events dropped (flood, ring full)", flood.dropped, "events");
        // what the code costs, whatever share of the cores the scheduler gives each thread
        report.figure("dispatcher CPU per delivered event (flood)", flood.dispatcherPerEvent(), "ns");
        report.figure("producer CPU per emit call (flood)", flood.producerPerEmit(), "ns");

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
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        report.figure("load average (1 min) before the run", loadBefore, "");
        report.figure("load average (1 min) after the run", loadAfter, "");
        report.note("a work unit is a 64-step xorshift over a long, about the cost of a small probe site");
        report.note("cores: " + Runtime.getRuntime().availableProcessors());
        return report;
    }

    /** A run's counts and times, with the CPU time of the dispatcher and of the producers together. */
    private record Result(long emits, long delivered, long dropped, double seconds, double producerSeconds,
                          long dispatcherCpuNanos, long producerCpuNanos, String timeline, long earlyWakes,
                          long spareBorrows, int mostSpares) {
        double deliveredRate() {
            return delivered / seconds;
        }

        /** Emits per second of the producers' own time (until the last one finished). */
        double offeredRate() {
            return emits / producerSeconds;
        }

        double dispatcherPerEvent() {
            return dispatcherCpuNanos / (double) delivered;
        }

        double producerPerEmit() {
            return producerCpuNanos / (double) emits;
        }
    }

    private static RunInfo info() {
        return new RunInfo("bench", "bench-pipeline", Map.of(), Instant.now(), RunInfo.currentVersion());
    }

    private static Result measure(long perProducer, Mode mode) throws Exception {
        CountingSink sink = new CountingSink();
        AtomicLong producerCpu = new AtomicLong();
        Pipeline pipeline = Pipeline.live(info(), Pipeline.DEFAULT_CAPACITY, List.of(sink));
        FlightEvent.BatchConsumed body = new FlightEvent.BatchConsumed("conn-1", "stream-1", 1024, 65536);
        CountDownLatch start = new CountDownLatch(1);
        Thread[] producers = new Thread[PRODUCERS];
        DropTimeline[] timeline = new DropTimeline[1];
        for (int p = 0; p < PRODUCERS; p++) {
            producers[p] = new Thread(() -> {
                awaitQuietly(start);
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                produce(pipeline, body, perProducer, mode, timeline[0]);
                producerCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
            }, "bench-producer-" + p);
            producers[p].start();
        }
        long t0 = System.nanoTime();
        timeline[0] = new DropTimeline(pipeline::dropped, pipeline::spareSegmentBorrows, t0); // published to the producers by the latch
        start.countDown();
        for (Thread t : producers) {
            t.join();
        }
        double producerSeconds = (System.nanoTime() - t0) / 1e9;
        pipeline.close();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(perProducer * PRODUCERS, sink.count.get(), pipeline.dropped(), seconds, producerSeconds,
                sink.cpuNanos.get(), producerCpu.get(), timeline[0].describe(), pipeline.earlyWakes(),
                pipeline.spareSegmentBorrows(), pipeline.mostSpareSegmentsBorrowed());
    }

    @SuppressWarnings("ThreadPriorityCheck") // yielding is the point: a full ring means the dispatcher needs the core
    private static void produce(Pipeline pipeline, FlightEvent.BatchConsumed body, long count, Mode mode, DropTimeline timeline) {
        switch (mode) {
            case WAIT -> {
                for (long i = 0; i < count; i++) {
                    while (!pipeline.offer(body)) {
                        Thread.yield(); // a spinning producer would take the core the dispatcher needs
                    }
                }
            }
            case PACED -> {
                double nanosPerEvent = 1e9 / (PACED_RATE / PRODUCERS);
                long t0 = System.nanoTime();
                for (long i = 0; i < count; i += PACE_CHUNK) {
                    for (long k = i, end = Math.min(count, i + PACE_CHUNK); k < end; k++) {
                        pipeline.emit(body);
                    }
                    timeline.sample();
                    long ahead = t0 + (long) ((i + PACE_CHUNK) * nanosPerEvent) - System.nanoTime();
                    if (ahead > TimeUnit.MICROSECONDS.toNanos(20)) {
                        LockSupport.parkNanos(ahead);
                    }
                }
            }
            case FLOOD -> {
                for (long i = 0; i < count; i++) {
                    pipeline.emit(body);
                }
            }
            case NONE -> {
                for (long i = 0; i < count; i++) {
                    Emitter.NOOP.emit(body);
                }
            }
        }
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
        return new Result(units * PRODUCERS, sink.count.get(), pipeline.dropped(), seconds, seconds, sink.cpuNanos.get(), producerCpu.get(), "", pipeline.earlyWakes(),
                pipeline.spareSegmentBorrows(), pipeline.mostSpareSegmentsBorrowed());
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
