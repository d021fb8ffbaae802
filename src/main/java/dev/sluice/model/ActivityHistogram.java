package dev.sluice.model;

import dev.sluice.event.Engine;
import java.util.Arrays;

/**
 * Events per engine per {@link #BUCKET_NANOS} of run time, so the timeline draws activity without
 * walking every event. Single writer. {@link #freeze()} shares the arrays instead of copying them
 * (a long run has hundreds of thousands of buckets and a snapshot is taken every pulse): a frozen
 * view reads only the buckets that existed when it was taken, and of those only the newest few
 * may still be counting — a display hint, never used for findings.
 */
final class ActivityHistogram {

    static final long BUCKET_NANOS = 1_000_000L;
    private static final int ENGINES = Engine.values().length;

    private int[][] counts = new int[ENGINES][1024];
    private int buckets;

    void add(Engine engine, long nanos) {
        int bucket = (int) Math.min(Integer.MAX_VALUE - 1, Math.max(0, nanos / BUCKET_NANOS));
        if (bucket >= counts[0].length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(bucket + 1L, counts[0].length * 2L));
            int[][] grown = new int[ENGINES][];
            for (int e = 0; e < ENGINES; e++) {
                grown[e] = Arrays.copyOf(counts[e], capacity);
            }
            counts = grown;
        }
        counts[engine.ordinal()][bucket]++;
        buckets = Math.max(buckets, bucket + 1);
    }

    Activity freeze() {
        return new Activity(counts, buckets, BUCKET_NANOS);
    }
}
