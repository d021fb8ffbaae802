package dev.sluice.model;

import dev.sluice.event.Engine;
import java.util.Map;

/** Events-per-bucket counts per engine (see {@link ActivityHistogram}), read-only. */
public final class Activity {

    private final Map<Engine, int[]> counts;
    private final int buckets;
    private final long bucketNanos;

    Activity(Map<Engine, int[]> counts, int buckets, long bucketNanos) {
        this.counts = counts;
        this.buckets = buckets;
        this.bucketNanos = bucketNanos;
    }

    public long bucketNanos() {
        return bucketNanos;
    }

    public int buckets() {
        return buckets;
    }

    /**
     * Events of {@code engine} in [from, to) run nanos; a bucket cut by the range counts in
     * proportion to its overlap, so narrow ranges (a pixel column) neither lose nor repeat events.
     */
    public double count(Engine engine, long fromNanos, long toNanos) {
        if (toNanos <= fromNanos) {
            return 0;
        }
        int[] c = counts.get(engine);
        long first = Math.max(0, fromNanos / bucketNanos);
        long last = Math.min(buckets - 1L, (toNanos - 1) / bucketNanos);
        double sum = 0;
        for (long b = first; b <= last; b++) {
            long bStart = b * bucketNanos;
            long overlap = Math.min(toNanos, bStart + bucketNanos) - Math.max(fromNanos, bStart);
            sum += c[(int) b] * (overlap / (double) bucketNanos);
        }
        return sum;
    }
}
