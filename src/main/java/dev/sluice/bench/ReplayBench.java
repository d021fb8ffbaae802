package dev.sluice.bench;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.trace.TraceCompression;
import dev.sluice.trace.TraceReader;
import dev.sluice.trace.TraceWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * {@code sluice bench replay}: writes a 10 M-event trace, then loads it back as events. The
 * baseline is Arrow alone loading the same batches (no event objects) in the same run.
 */
final class ReplayBench implements Benchmark {

    /** Events made once for the recorder figure: a multiple of the 4,096 a pipeline batch holds. */
    private static final int POOL = 64 * 4096;
    private static final int BUSY_THREADS = 500;

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String description() {
        return "load events/s from a 10 M-event trace, beside Arrow's own batch loading of the same file";
    }

    @Override
    public BenchReport run(boolean quick) throws Exception {
        long events = quick ? 1_000_000 : 10_000_000;
        Path file = Files.createTempFile("sluice-bench-replay", ".sluice");
        try {
            long t0 = System.nanoTime();
            write(file, events);
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            BenchReport report = new BenchReport(name());
            report.figure("events made and written/s", events / writeSeconds, "events/s");
            List<Event> pool = pool();
            Recorded plain = record(pool, events, TraceCompression.NONE);
            report.figure("recorder alone (events made beforehand)", events / plain.seconds(), "events/s", ">= 5000000");
            report.figure("recorder alone, per second of its thread's CPU", events / plain.cpuSeconds(), "events/s");
            report.figure("recorder alone, per second of its output thread's CPU", events / plain.outputCpuSeconds(), "events/s");
            // comparable with figures from before the output thread: staging, compressing, checksumming and writing
            report.figure("recorder alone, per second of both threads' CPU", events / (plain.cpuSeconds() + plain.outputCpuSeconds()), "events/s");
            report.figure("load average at the recorder figures", plain.load(), "");
            Recorded busy = record(manyThreads(pool), events, TraceCompression.NONE);
            report.figure("recorder, " + BUSY_THREADS + " distinct threads interleaved", events / busy.seconds(), "events/s");
            report.figure("bytes per event, " + BUSY_THREADS + " distinct threads (a batch ends at 128)", (double) busy.bytes() / events, "B");
            report.figure("trace size", Files.size(file) / 1048576.0, "MiB");
            report.figure("bytes per event", (double) Files.size(file) / events, "B", "<= 64");
            for (TraceCompression c : List.of(TraceCompression.LZ4, TraceCompression.ZSTD)) {
                Recorded compressed = record(pool, events, c);
                report.figure("recorder alone, --compress " + c.id(), events / compressed.seconds(), "events/s");
                report.figure("recorder, --compress " + c.id() + ", per second of its thread's CPU", events / compressed.cpuSeconds(), "events/s");
                report.figure("recorder, --compress " + c.id() + ", per second of its output thread's CPU",
                        events / compressed.outputCpuSeconds(), "events/s");
                report.figure("bytes per event, --compress " + c.id() + " (recorder's trace)", (double) compressed.bytes() / events, "B");
            }
            report.figure("bytes per event, uncompressed (recorder's trace)", (double) plain.bytes() / events, "B");
            // one untimed pass each warms the JIT and the page cache
            arrowOnly(file);
            load(file);
            double arrowSeconds = arrowOnly(file);
            double[] loaded = load(file);
            double loadSeconds = loaded[0];
            report.figure("Arrow batch load (baseline)", events / arrowSeconds, "rows/s");
            report.figure("Sluice event load", events / loadSeconds, "events/s");
            // wall time on a shared machine is mostly waiting for a core: the reading thread's CPU is the load's cost
            report.figure("Sluice event load, per second of the reading thread's CPU", events / loaded[1], "events/s");
            report.figure("event load / Arrow batch load", arrowSeconds / loadSeconds, "x", ">= 0.7");
            report.note(events + " events; cores: " + Runtime.getRuntime().availableProcessors());
            return report;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static void write(Path file, long events) throws Exception {
        SyntheticEvents source = new SyntheticEvents("bench");
        TraceWriter writer = new TraceWriter(file);
        writer.open(new RunInfo("bench", "bench-replay", Map.of(), Instant.now(), RunInfo.currentVersion()));
        List<Event> batch = new ArrayList<>(4096);
        for (long i = 0; i < events; i++) {
            batch.add(source.next());
            if (batch.size() == 4096) {
                writer.accept(batch);
                batch.clear();
            }
        }
        writer.accept(batch);
        writer.close();
    }

    /** Seconds and CPU seconds of this thread (which does all the reading) to load every event. */
    private static double[] load(Path file) throws Exception {
        AtomicLong sum = new AtomicLong();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        TraceReader.forEach(file, e -> sum.addAndGet(e.timeNanos()));
        return new double[] {(System.nanoTime() - t0) / 1e9, (threads.getCurrentThreadCpuTime() - cpu0) / 1e9};
    }

    private static List<Event> pool() {
        SyntheticEvents source = new SyntheticEvents("bench");
        List<Event> pool = new ArrayList<>(POOL);
        for (int i = 0; i < POOL; i++) {
            pool.add(source.next());
        }
        return pool;
    }

    /**
     * The pool's events as if {@value #BUSY_THREADS} threads emitted them interleaved (a random thread
     * per event): the int8 thread index ends a batch at 128 distinct threads, which costs size and rate.
     */
    private static List<Event> manyThreads(List<Event> pool) {
        String[] names = new String[BUSY_THREADS];
        for (int i = 0; i < names.length; i++) {
            names[i] = "worker-" + i;
        }
        Random random = new Random(14);
        List<Event> out = new ArrayList<>(pool.size());
        for (Event e : pool) {
            int t = random.nextInt(BUSY_THREADS);
            out.add(new Event(e.runId(), e.timeNanos(), names[t], 1000 + t, e.body()));
        }
        return out;
    }

    /**
     * What {@link #record} measured: seconds, the recording thread's and the writer's output thread's
     * CPU seconds, the size of the trace, and the system load average at the end.
     */
    private record Recorded(double seconds, double cpuSeconds, double outputCpuSeconds, long bytes, double load) { }

    /**
     * The trace writer's time for {@code events} events, taken in turn from a pool made beforehand,
     * so the figure is the recorder's own (on the pipeline's dispatcher thread).
     */
    private static Recorded record(List<Event> pool, long events, TraceCompression compression) throws Exception {
        Path file = Files.createTempFile("sluice-bench-record", ".sluice");
        try {
            TraceWriter writer = new TraceWriter(file, compression);
            writer.open(new RunInfo("bench", "bench-record", Map.of(), Instant.now(), RunInfo.currentVersion()));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (long written = 0; written < events; written += 4096) {
                int from = (int) (written % POOL);
                writer.accept(pool.subList(from, from + 4096));
            }
            writer.close();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Recorded(seconds, (threads.getCurrentThreadCpuTime() - cpu0) / 1e9, writer.outputCpuNanos() / 1e9,
                    Files.size(file), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static double arrowOnly(Path file) throws Exception {
        long t0 = System.nanoTime();
        long rows = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             BufferAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(ch, allocator, TraceReader.CODECS)) {
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        if (rows < 0) {
            throw new IllegalStateException();
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
