package dev.sluice.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A bounded ring with exactly one producer (the thread that owns it) and one consumer (the
 * dispatcher). Each producing thread gets its own, so producers never contend with each other:
 * an offer is two plain stores and one release store. Each element carries a stamp (its event
 * time) in an array beside it, so the consumer orders a batch reading the stamps in sequence
 * instead of loading every element another core has just written. The producer's and the
 * consumer's indices sit on cache lines of their own (the padding superclasses), so neither
 * core's writes invalidate the line the other one reads on every event.
 */
final class ProducerRing<E> extends RingIndices.ConsumerIndex {

    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle DROPS = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(RingIndices.ProducerIndex.class, "tail", long.class);
            HEAD = l.findVarHandle(RingIndices.ConsumerIndex.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread owner;
    /** The owner's id, read once (a thread's id never changes). */
    final long ownerId;
    /** The consumer indexes these directly ({@link LiveDrain}): slot {@code i} is {@code slots[i & mask]}. */
    final Object[] slots;
    final long[] stamps;
    final int mask;
    /** Woken when this ring fills past half, so a parked dispatcher drains it before it overflows. */
    private final DispatcherWake wake;
    /** Drops by kind index, created on the first drop; kept by the pipeline after the ring is pruned. */
    private long[] drops;

    ProducerRing(Thread owner, int capacity, DispatcherWake wake) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        this.owner = owner;
        @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
        long id = owner.getId();
        this.ownerId = id;
        this.slots = new Object[size];
        this.stamps = new long[size];
        this.mask = size - 1;
        this.wake = wake;
    }

    /**
     * Producer only: false when full. The element and its stamp are plain stores; the release
     * store of the tail publishes them (the consumer reads the tail with acquire first). The head
     * is read only at {@code checkAt} (set from the cached head to half the ring on), so room is
     * claimed in batches; a ring found half full or more wakes the dispatcher (then rechecked every
     * eighth of the ring, never past the point where the cached head says the ring is full).
     */
    boolean offer(E element, long stamp) {
        long t = (long) TAIL.get(this); // plain: only this thread writes it
        if (t >= checkAt) {
            headCache = (long) HEAD.getAcquire(this);
            long fill = t - headCache;
            int size = slots.length;
            if (fill >= size / 2) {
                wake.wake();
                if (fill >= size) {
                    return false; // checkAt stays behind the tail: the next offer reads the head again
                }
                checkAt = Math.min(t + size / 8, headCache + size);
            } else {
                checkAt = headCache + size / 2;
            }
        }
        int index = (int) t & mask;
        slots[index] = element;
        stamps[index] = stamp;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /**
     * Producer only: counts a dropped event of kind {@code kind} in a {@code kinds}-slot counter array
     * whose last slot is the total; returns the array when
     * it was just created, so the pipeline keeps it (drops stay exact after the ring is pruned).
     */
    long[] countDrop(int kind, int kinds) {
        long[] d = drops;
        long[] created = null;
        if (d == null) {
            d = new long[kinds];
            drops = d;
            created = d;
        }
        DROPS.setOpaque(d, kind, d[kind] + 1);
        DROPS.setOpaque(d, kinds - 1, d[kinds - 1] + 1); // the last slot counts every kind
        return created;
    }

    /** Any thread: a drop counter's value, read without tearing while its producer counts. */
    /** This ring's drop counters, null if it never dropped (read once its producer has ended). */
    long[] dropCounters() {
        return drops;
    }

    static long drops(long[] counters, int kind) {
        return (long) DROPS.getOpaque(counters, kind);
    }

    /** Consumer only: the index of the first element not yet taken. */
    long head() {
        return (long) HEAD.getOpaque(this);
    }

    /** Consumer only: the index after the last published element (acquire: its slots are visible). */
    long publishedTail() {
        return (long) TAIL.getAcquire(this);
    }

    /** Consumer only: moves up to {@code max} elements into {@code out} in one copy; returns how many. */
    int drainTo(EventBatch out, int max) {
        long h = head();
        int n = (int) Math.min(max, publishedTail() - h);
        out.addSlots(slots, h, n, mask);
        advance(h, n);
        return n;
    }

    /** Consumer only: takes the {@code n} elements from {@code h} (the head), freeing their slots. */
    void advance(long h, int n) {
        if (n <= 0) {
            return;
        }
        int from = (int) h & mask;
        int first = Math.min(n, slots.length - from);
        Arrays.fill(slots, from, from + first, null);
        Arrays.fill(slots, 0, n - first, null);
        HEAD.setRelease(this, h + n);
    }

    long size() {
        return (long) TAIL.getAcquire(this) - (long) HEAD.getAcquire(this);
    }
}
