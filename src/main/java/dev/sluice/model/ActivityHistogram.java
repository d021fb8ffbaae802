package dev.sluice.model;

import dev.sluice.event.Engine;
import java.util.Arrays;

/**
 * Events per engine per {@link #BUCKET_NANOS} of run time, so the timeline draws activity without
 * walking every event. Single writer; {@link #freeze()} copies the counts (a few ints per 10 ms of run).
 */
final class ActivityHistogram {

    static final long BUCKET_NANOS = 10_000_000L;
    private static final int ENGINES = Engine.values().length;

    private int[][] counts = new int[ENGINES][256];
    private int buckets;

    void add(Engine engine, long nanos) {
        int bucket = (int) Math.min(Integer.MAX_VALUE - 1, Math.max(0, nanos / BUCKET_NANOS));
        if (bucket >= counts[0].length) {
            int capacity = Math.max(bucket + 1, counts[0].length * 2);
            for (int e = 0; e < ENGINES; e++) {
                counts[e] = Arrays.copyOf(counts[e], capacity);
            }
        }
        counts[engine.ordinal()][bucket]++;
        buckets = Math.max(buckets, bucket + 1);
    }

    Activity freeze() {
        int[][] view = new int[ENGINES][];
        for (int e = 0; e < ENGINES; e++) {
            view[e] = Arrays.copyOf(counts[e], buckets);
        }
        return new Activity(view, buckets, BUCKET_NANOS);
    }
}
