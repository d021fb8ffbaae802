package dev.sluice.model;

import dev.sluice.event.Engine;
import java.nio.ByteBuffer;

/** Events-per-bucket counts per engine (see {@link ActivityHistogram}), read-only. */
public final class Activity {

    private final ByteBuffer[] chunks;
    private final int buckets;
    private final long bucketNanos;
    /** Per chunk (but the newest, which may still be counting) and engine, its events: made on first use. */
    private volatile long[] chunkTotals;

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

    /**
     * {@link #count count(engine, 0, toNanos)}, the same figure, reading a total per whole chunk of {@value
     * ActivityHistogram#CHUNK} buckets instead of every bucket (the timeline asks it every pulse; a long run has millions).
     */
    @SuppressWarnings("EnumOrdinal") // a slot in this view's own table, never persisted
    public double countTo(Engine engine, long toNanos) {
        if (toNanos <= 0 || buckets == 0) {
            return 0;
        }
        int last = (int) Math.min(buckets - 1L, (toNanos - 1) / bucketNanos);
        int lastChunk = last >>> ActivityHistogram.CHUNK_BITS;
        long[] totals = chunkTotals();
        long whole = 0; // integers: summed exactly, as count's sum of whole buckets is
        for (int c = 0; c < lastChunk; c++) {
            whole += totals[c * ActivityHistogram.ENGINES + engine.ordinal()];
        }
        ByteBuffer chunk = chunks[lastChunk];
        for (int b = lastChunk << ActivityHistogram.CHUNK_BITS; b < last; b++) {
            whole += chunk.getInt(position(b, engine));
        }
        long bStart = (long) last * bucketNanos;
        long overlap = Math.min(toNanos, bStart + bucketNanos) - bStart;
        return whole + chunk.getInt(position(last, engine)) * (overlap / (double) bucketNanos);
    }

    private long[] chunkTotals() {
        long[] totals = chunkTotals;
        if (totals == null) {
            int sealed = buckets == 0 ? 0 : (buckets - 1) >>> ActivityHistogram.CHUNK_BITS;
            totals = new long[sealed * ActivityHistogram.ENGINES];
            for (int c = 0; c < sealed; c++) {
                ByteBuffer chunk = chunks[c];
                for (int i = 0; i < ActivityHistogram.CHUNK * ActivityHistogram.ENGINES; i++) {
                    totals[c * ActivityHistogram.ENGINES + i % ActivityHistogram.ENGINES] += chunk.getInt(i * Integer.BYTES);
                }
            }
            chunkTotals = totals; // two threads may both make it: the same figures
        }
        return totals;
    }

    /** Where the count of {@code engine} in {@code bucket} is in its chunk (engines side by side, in declared order). */
    @SuppressWarnings("EnumOrdinal") // a slot in off-heap memory, never persisted: the order is this build's own
    static int position(int bucket, Engine engine) {
        return ((bucket & (ActivityHistogram.CHUNK - 1)) * ActivityHistogram.ENGINES + engine.ordinal()) * Integer.BYTES;
    }
}
