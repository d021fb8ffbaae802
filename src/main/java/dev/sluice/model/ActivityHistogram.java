package dev.sluice.model;

import dev.sluice.event.Engine;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Events per engine per {@link #BUCKET_NANOS} of run time, so the timeline draws activity without
 * walking every event. Single writer. {@link #freeze()} shares the arrays instead of copying them
 * (a long run has hundreds of thousands of buckets and a snapshot is taken every pulse): a frozen
 * view reads only the buckets that existed when it was taken, and of those only the newest few
 * may still be counting — a display hint, never used for findings.
 */
final class ActivityHistogram {

    static final long BUCKET_NANOS = 1_000_000L;

    // a new map when the arrays grow: a frozen Activity keeps the map it was given
    private Map<Engine, int[]> counts = sized(1024);
    private int capacity = 1024;
    private int buckets;

    void add(Engine engine, long nanos) {
        int bucket = (int) Math.min(Integer.MAX_VALUE - 1, Math.max(0, nanos / BUCKET_NANOS));
        if (bucket >= capacity) {
            capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(bucket + 1L, capacity * 2L));
            Map<Engine, int[]> grown = new EnumMap<>(Engine.class);
            counts.forEach((e, c) -> grown.put(e, Arrays.copyOf(c, capacity)));
            counts = grown;
        }
        counts.get(engine)[bucket]++;
        buckets = Math.max(buckets, bucket + 1);
    }

    private static Map<Engine, int[]> sized(int capacity) {
        Map<Engine, int[]> m = new EnumMap<>(Engine.class);
        for (Engine e : Engine.values()) {
            m.put(e, new int[capacity]);
        }
        return m;
    }

    Activity freeze() {
        return new Activity(counts, buckets, BUCKET_NANOS);
    }
}
