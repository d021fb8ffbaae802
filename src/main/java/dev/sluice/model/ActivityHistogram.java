package dev.sluice.model;

import dev.sluice.event.Engine;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Events per engine per {@link #BUCKET_NANOS} of run time, so the timeline draws activity without
 * walking every event. The counts live off the heap in chunks of {@value #CHUNK} buckets (every engine's count of a
 * bucket side by side), so an hour-long run costs no heap and growing never copies a count. Single writer. {@link
 * #freeze()} shares the chunks instead of copying them (a snapshot is taken every pulse): a frozen view reads only the
 * buckets that existed when it was taken — their chunks were all made before — and of those only the newest few may
 * still be counting: a display hint, never used for findings.
 */
final class ActivityHistogram {

    static final long BUCKET_NANOS = 1_000_000L;
    static final int CHUNK_BITS = 14;
    static final int CHUNK = 1 << CHUNK_BITS;
    static final int ENGINES = Engine.values().length;

    // a new array when it grows: a frozen Activity keeps the array it was given, every chunk it reads already in it
    private ByteBuffer[] chunks = new ByteBuffer[4];
    private int chunkCount;
    private int buckets;
    private Slabs.Budget budget;

    void add(Engine engine, long nanos) {
        int bucket = (int) Math.min(Integer.MAX_VALUE - 1, Math.max(0, nanos / BUCKET_NANOS));
        int chunk = bucket >>> CHUNK_BITS;
        while (chunk >= chunkCount) {
            if (chunkCount == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunkCount * 2);
            }
            if (budget == null) {
                budget = Slabs.runBudget(); // the run's, as its columns' (taken when first grown, on the run's thread)
            }
            chunks[chunkCount++] = Slabs.allocate(CHUNK * ENGINES * Integer.BYTES, budget);
        }
        ByteBuffer counts = chunks[chunk];
        int at = Activity.position(bucket, engine);
        counts.putInt(at, counts.getInt(at) + 1);
        buckets = Math.max(buckets, bucket + 1);
    }

    Activity freeze() {
        return new Activity(chunks, buckets, BUCKET_NANOS);
    }
}
