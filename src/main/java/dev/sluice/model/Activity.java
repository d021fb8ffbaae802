package dev.sluice.model;

import dev.sluice.event.Engine;

/** Immutable events-per-bucket counts per engine (see {@link ActivityHistogram}). */
public final class Activity {

    private final int[][] counts;
    private final int buckets;
    private final long bucketNanos;

    Activity(int[][] counts, int buckets, long bucketNanos) {
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

    /** Events of {@code engine} in [from, to) run nanos. */
    public long count(Engine engine, long fromNanos, long toNanos) {
        int[] c = counts[engine.ordinal()];
        int first = (int) Math.max(0, fromNanos / bucketNanos);
        int last = (int) Math.min(buckets, (toNanos + bucketNanos - 1) / bucketNanos);
        long sum = 0;
        for (int b = first; b < last; b++) {
            sum += c[b];
        }
        return sum;
    }
}
