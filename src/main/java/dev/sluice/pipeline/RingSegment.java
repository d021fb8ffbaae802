package dev.sluice.pipeline;

/**
 * One circular array of a {@link ProducerRing}: ring index {@code i} is {@code slots[i & mask]} in the segment that
 * held the producer's tail when it wrote {@code i}. A ring has one segment until its producer finds it full while
 * the dispatcher lags; it then moves on to a spare ({@link SpareSegments}) and this segment ends where it left it.
 */
final class RingSegment {

    final Object[] slots;
    final long[] stamps;
    /**
     * The ring index at which the producer moved on to {@link #next}, {@code Long.MAX_VALUE} while it still writes
     * here. Volatile: the producer sets {@link #next} first, so a consumer that reads the end also sees its successor.
     */
    private volatile long end = Long.MAX_VALUE;
    private RingSegment next;

    RingSegment(int size) {
        slots = new Object[size];
        stamps = new long[size];
    }

    /** Producer only, on a segment just borrowed: open-ended, with no successor. */
    void reopen() {
        next = null;
        end = Long.MAX_VALUE;
    }

    /** Producer only: its events from ring index {@code at} on go to {@code successor}. */
    void endAt(long at, RingSegment successor) {
        next = successor;
        end = at;
    }

    /** Consumer: where this segment ends (read the ring's published tail first: an end below it is final). */
    long end() {
        return end;
    }

    /** Consumer: the segment after this one, once {@link #end()} has been read as less than {@code Long.MAX_VALUE}. */
    RingSegment next() {
        return next;
    }
}
