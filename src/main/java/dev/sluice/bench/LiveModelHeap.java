package dev.sluice.bench;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.model.LiveModel;
import dev.sluice.model.ModelSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.JMException;

/**
 * The heap a {@link LiveModel} alone keeps (its columns' heap part, the builder's indexes, the detectors, its last
 * snapshot) for the {@code ui-ingest} mix, folded as the dispatcher folds it — batches, one snapshot per 60 Hz pulse,
 * one thread — but with no console: what {@code ui-ingest}'s whole-console figure holds apart from the views' caches.
 * Deterministic for a given count of events, whatever the load (only the CPU figure varies).
 */
final class LiveModelHeap {

    private static final int RATE = 200_000; // events per second of run time, in 1 ms bursts as ui-ingest emits them
    private static final int BATCH = 4096;
    private static final long PULSE_NANOS = 16_666_667;

    /** Bytes the model kept after GC (a class histogram's total), and the fold's CPU time on this thread. */
    record Measured(long events, long bytes, long cpuNanos, HeapHistogram before, HeapHistogram after) {
        double mibPerMillion() {
            return bytes / (events / 1e6) / 1048576.0;
        }
    }

    private LiveModelHeap() {
    }

    static Measured measure(long events) throws JMException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        HeapHistogram before = HeapHistogram.baseline();
        long cpu = threads.getCurrentThreadCpuTime();
        Kept kept = fold(events);
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        HeapHistogram after = HeapHistogram.take();
        if (kept.snapshot().eventCount() != events) {
            throw new IllegalStateException("the model folded " + kept.snapshot().eventCount() + " of " + events + " events");
        }
        return new Measured(events, after.totalBytes() - before.totalBytes(), cpu, before, after);
    }

    /** What the console keeps after a live run: the model and its last snapshot. */
    private record Kept(LiveModel model, ModelSnapshot snapshot) { }

    private static Kept fold(long n) {
        LiveModel model = new LiveModel();
        model.open(new RunInfo("heap", "ui-ingest", Map.of(), Instant.EPOCH, RunInfo.currentVersion()));
        List<Event> batch = new ArrayList<>(BATCH);
        long nextPulse = 0;
        for (long i = 0; i < n; i++) {
            // 200 events per 1 ms burst, 100 ns apart: the producer's stamps at 200 k/s
            long t = i / (RATE / 1000) * 1_000_000 + i % (RATE / 1000) * 100;
            batch.add(new Event("heap", t, "ui-ingest", 1, SyntheticEvents.body(i)));
            if (batch.size() == BATCH || i == n - 1) {
                model.accept(batch);
                batch.clear();
            }
            if (t >= nextPulse) {
                model.take();
                nextPulse = t + PULSE_NANOS;
            }
        }
        model.close();
        return new Kept(model, model.take());
    }
}
