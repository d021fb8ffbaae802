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
 */
final class DropTimeline {

    private static final int BUCKETS = 4096;
    private final AtomicLongArray drops = new AtomicLongArray(BUCKETS);
    private final LongSupplier dropped;
    private final long startNanos;
    private final long gcCount0;
    private final long gcMillis0;
    /** The highest drop count any producer has sampled: each drop is put in one bucket only. */
    private final AtomicLong seen = new AtomicLong();
    /** JVM uptime at the run's start, to line the buckets up with a {@code -Xlog:gc:...:uptime} log. */
    private final long startUptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();

    DropTimeline(LongSupplier dropped, long startNanos) {
        this.dropped = dropped;
        this.startNanos = startNanos;
        this.gcCount0 = gcCount();
        this.gcMillis0 = gcMillis();
    }

    /** Producer: records drops that appeared since this thread's last sample. */
    void sample() {
        long now = dropped.getAsLong();
        long before = seen.getAndAccumulate(now, Math::max);
        if (now > before) {
            int bucket = (int) Math.min(BUCKETS - 1, (System.nanoTime() - startNanos) / 1_000_000);
            drops.addAndGet(bucket, now - before);
        }
    }

    /** One line: collections during the run and the 1 ms buckets with drops, as runs "from-to ms: count". */
    String describe() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "paced drops by time: run started at JVM uptime %d ms; %d GCs (%d ms) during the run; ",
                startUptimeMillis, gcCount() - gcCount0, gcMillis() - gcMillis0));
        int runStart = -1;
        long runDrops = 0;
        int shown = 0;
        for (int b = 0; b <= BUCKETS; b++) {
            long n = b < BUCKETS ? drops.get(b) : 0;
            if (n > 0 && runStart < 0) {
                runStart = b;
            }
            if (n > 0) {
                runDrops += n;
            } else if (runStart >= 0) {
                if (shown++ < 12) {
                    out.append(String.format(Locale.ROOT, "%d-%d ms: %d; ", runStart, b, runDrops));
                }
                runStart = -1;
                runDrops = 0;
            }
        }
        out.append(shown == 0 ? "no drops" : shown + " bursts");
        return out.toString();
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
