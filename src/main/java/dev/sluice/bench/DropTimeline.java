package dev.sluice.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * When a run's drops happened: producers sample the pipeline's drop count after each chunk they emit and
 * add what grew into 1 ms buckets since the run's start, and the young collections during the run are
 * counted, so a report can tell drops at the start (a parked dispatcher) from drops spread over the run.
 * The spare ring segments borrowed (a full ring that went on instead of dropping) are put in buckets the same way.
 */
final class DropTimeline {

    private static final int BUCKETS = 4096;
    private final Series drops;
    private final Series borrows;
    private final long startNanos;
    private final long gcCount0;
    private final long gcMillis0;
    /** JVM uptime at the run's start, to line the buckets up with a {@code -Xlog:gc:...:uptime} log. */
    private final long startUptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();

    DropTimeline(LongSupplier dropped, LongSupplier borrowed, long startNanos) {
        this.drops = new Series(dropped);
        this.borrows = new Series(borrowed);
        this.startNanos = startNanos;
        this.gcCount0 = gcCount();
        this.gcMillis0 = gcMillis();
    }

    /** Producer: records drops and borrows that appeared since this thread's last sample. */
    void sample() {
        borrows.sample(drops.sample(-1));
    }

    /** One line: collections during the run and the 1 ms buckets with drops, as runs "from-to ms: count". */
    String describe() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "paced drops by time: run started at JVM uptime %d ms; %d GCs (%d ms) during the run; ",
                startUptimeMillis, gcCount() - gcCount0, gcMillis() - gcMillis0));
        out.append(drops.describe("no drops"));
        out.append("; spare segments borrowed by time: ").append(borrows.describe("none"));
        return out.toString();
    }

    /** A counter's growth in 1 ms buckets since the run's start. */
    private final class Series {
        private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
        private final LongSupplier counter;
        /** The highest count any producer has sampled: each increment is put in one bucket only. */
        private final AtomicLong seen = new AtomicLong();

        Series(LongSupplier counter) {
            this.counter = counter;
        }

        /** Adds what grew into the current bucket ({@code bucket}, or found now if negative); returns the bucket. */
        long sample(long bucket) {
            long now = counter.getAsLong();
            long before = seen.getAndAccumulate(now, Math::max);
            if (now > before) {
                if (bucket < 0) {
                    bucket = Math.min(BUCKETS - 1, (System.nanoTime() - startNanos) / 1_000_000);
                }
                counts.addAndGet((int) bucket, now - before);
            }
            return bucket;
        }

        /** Runs of buckets with counts, as "from-to ms: count; " (at most 12), then how many runs; or {@code none}. */
        String describe(String none) {
            StringBuilder out = new StringBuilder();
            int runStart = -1;
            long runCount = 0;
            int shown = 0;
            for (int b = 0; b <= BUCKETS; b++) {
                long n = b < BUCKETS ? counts.get(b) : 0;
                if (n > 0 && runStart < 0) {
                    runStart = b;
                }
                if (n > 0) {
                    runCount += n;
                } else if (runStart >= 0) {
                    if (shown++ < 12) {
                        out.append(String.format(Locale.ROOT, "%d-%d ms: %d; ", runStart, b, runCount));
                    }
                    runStart = -1;
                    runCount = 0;
                }
            }
            out.append(shown == 0 ? none : shown + " bursts");
            return out.toString();
        }
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : collectors()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : collectors()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }

    private static List<GarbageCollectorMXBean> collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans();
    }
}
