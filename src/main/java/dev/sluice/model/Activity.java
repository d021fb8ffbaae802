package dev.sluice.model;

import dev.sluice.event.Engine;
import java.nio.ByteBuffer;

/** Events-per-bucket counts per engine (see {@link ActivityHistogram}), read-only. */
public final class Activity {

    private final ByteBuffer[] chunks;
    private final int buckets;
    private final long bucketNanos;

    Activity(ByteBuffer[] chunks, int buckets, long bucketNanos) {
        this.chunks = chunks;
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
        long first = Math.max(0, fromNanos / bucketNanos);
        long last = Math.min(buckets - 1L, (toNanos - 1) / bucketNanos);
        double sum = 0;
        for (long b = first; b <= last; b++) {
            long bStart = b * bucketNanos;
            long overlap = Math.min(toNanos, bStart + bucketNanos) - Math.max(fromNanos, bStart);
            sum += chunks[(int) (b >>> ActivityHistogram.CHUNK_BITS)].getInt(position((int) b, engine))
                    * (overlap / (double) bucketNanos);
        }
        return sum;
    }

    /** Where the count of {@code engine} in {@code bucket} is in its chunk (engines side by side, in declared order). */
    @SuppressWarnings("EnumOrdinal") // a slot in off-heap memory, never persisted: the order is this build's own
    static int position(int bucket, Engine engine) {
        return ((bucket & (ActivityHistogram.CHUNK - 1)) * ActivityHistogram.ENGINES + engine.ordinal()) * Integer.BYTES;
    }
}
