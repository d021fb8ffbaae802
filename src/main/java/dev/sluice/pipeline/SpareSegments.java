package dev.sluice.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The ring segments a pipeline's producers may borrow when their own is full: a burst that outruns the dispatcher
 * (a producer that was descheduled catching up while the dispatcher has no core) is kept instead of dropped. Shared
 * by every ring of the pipeline and bounded: at most {@code limit} segments beyond one per ring exist at any time, so
 * all the rings together hold at most {@code (rings + limit) * segmentSize} events. A producer borrows without
 * waiting: a segment the dispatcher gave back, else a new one while the limit allows (one allocation per segment,
 * never per event), else nothing and the event is dropped as before. While a burst is on the dispatcher keeps one
 * segment ready ({@link #keepOneReady}), so only a burst's first borrow allocates on the producer's thread. The
 * dispatcher gives a segment back once it has taken all its events, and lets go of the pooled ones after a quiet
 * second so a past burst does not keep them.
 */
final class SpareSegments {

    /** Ticks (about 50 ms each) without a borrow after which the pooled segments are let go. */
    static final int IDLE_TICKS_BEFORE_TRIM = 20;

    private final int segmentSize;
    private final int limit;
    /** Segments given back and not yet borrowed again: a slot array, so a borrow and a give-back never wait. */
    private final AtomicReferenceArray<RingSegment> pool;
    /** How many more may be created: {@code limit} minus those borrowed and those pooled. */
    private final AtomicInteger creatable;
    private final AtomicInteger borrowed = new AtomicInteger();
    private final AtomicInteger mostBorrowed = new AtomicInteger();
    private final AtomicLong borrows = new AtomicLong();
    /** Dispatcher only: {@link #borrows} at the last tick, and ticks since it last changed. */
    private long borrowsSeen;
    private int quietTicks;

    SpareSegments(int segmentSize, int limit) {
        this.segmentSize = segmentSize;
        this.limit = limit;
        this.pool = new AtomicReferenceArray<>(limit);
        this.creatable = new AtomicInteger(limit);
    }

    /** Any producer: an empty open segment, or null when {@code limit} are out already. */
    RingSegment borrow() {
        RingSegment s = takePooled();
        if (s == null) {
            int left = creatable.get();
            while (left > 0 && !creatable.compareAndSet(left, left - 1)) {
                left = creatable.get();
            }
            if (left <= 0) {
                return null;
            }
            s = new RingSegment(segmentSize);
        }
        borrows.incrementAndGet();
        mostBorrowed.accumulateAndGet(borrowed.incrementAndGet(), Math::max);
        s.reopen();
        return s;
    }

    /** Consumer only: a segment it has emptied and moved past (its slots are all null again). */
    void giveBack(RingSegment s) {
        borrowed.decrementAndGet();
        putInPool(s);
    }

    private void putInPool(RingSegment s) {
        for (int i = 0; i < pool.length(); i++) {
            if (pool.get(i) == null && pool.compareAndSet(i, null, s)) {
                return;
            }
        }
        // the pool has a slot for every segment that exists, but a borrow racing this scan can free one behind it
        creatable.incrementAndGet();
    }

    /**
     * Dispatcher only, each pass: while segments are out (a burst is on) and none is pooled, creates one if the limit
     * allows, so the producer that next finds its segment full takes it without allocating.
     */
    void keepOneReady() {
        if (borrowed.get() == 0 || pooled() > 0) {
            return;
        }
        int left = creatable.get();
        if (left > 0 && creatable.compareAndSet(left, left - 1)) {
            putInPool(new RingSegment(segmentSize));
        }
    }

    /** Dispatcher only, each tick: after {@link #IDLE_TICKS_BEFORE_TRIM} ticks without a borrow, lets the pool go. */
    void tick() {
        long b = borrows.get();
        if (b != borrowsSeen) {
            borrowsSeen = b;
            quietTicks = 0;
            return;
        }
        if (++quietTicks < IDLE_TICKS_BEFORE_TRIM) {
            return;
        }
        for (int i = 0; i < pool.length(); i++) {
            if (pool.getAndSet(i, null) != null) {
                creatable.incrementAndGet();
            }
        }
    }

    private RingSegment takePooled() {
        for (int i = 0; i < pool.length(); i++) {
            if (pool.get(i) != null) {
                RingSegment s = pool.getAndSet(i, null);
                if (s != null) {
                    return s;
                }
            }
        }
        return null;
    }

    int limit() {
        return limit;
    }

    int segmentSize() {
        return segmentSize;
    }

    /** Segments borrowed and not yet given back. */
    int borrowed() {
        return borrowed.get();
    }

    /** The most segments out at once since the pipeline started. */
    int mostBorrowed() {
        return mostBorrowed.get();
    }

    /** Segments borrowed so far. */
    long borrows() {
        return borrows.get();
    }

    /** Segments held in the pool, ready to borrow (for tests). */
    int pooled() {
        int n = 0;
        for (int i = 0; i < pool.length(); i++) {
            n += pool.get(i) != null ? 1 : 0;
        }
        return n;
    }
}
