package dev.sluice.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * A bounded ring with exactly one producer (the thread that owns it) and one consumer (the
 * dispatcher). Each producing thread gets its own, so producers never contend with each other:
 * an offer is a few plain stores and one release store. Each element carries a stamp (its event
 * time) in an array beside it, so the consumer orders a batch reading the stamps in sequence
 * instead of loading every element another core has just written.
 */
final class ProducerRing<E> {

    private static final VarHandle TAIL;
    private static final VarHandle HEAD;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(ProducerRing.class, "tail", long.class);
            HEAD = l.findVarHandle(ProducerRing.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread owner;
    private final Object[] slots;
    private final long[] stamps;
    private final int mask;
    // producer side
    @SuppressWarnings("unused")
    private long p0, p1, p2, p3, p4, p5, p6;
    @SuppressWarnings("UnusedVariable") // read and written only through the TAIL VarHandle
    private volatile long tail;
    private long headCache;
    // consumer side, on its own cache line
    @SuppressWarnings("unused")
    private long c0, c1, c2, c3, c4, c5, c6;
    @SuppressWarnings("UnusedVariable") // read and written only through the HEAD VarHandle
    private volatile long head;

    ProducerRing(Thread owner, int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        this.owner = owner;
        this.slots = new Object[size];
        this.stamps = new long[size];
        this.mask = size - 1;
    }

    /**
     * Producer only: false when full. The element and its stamp are plain stores; the release
     * store of the tail publishes them (the consumer reads the tail with acquire first).
     */
    boolean offer(E element, long stamp) {
        long t = (long) TAIL.getOpaque(this);
        if (t - headCache >= slots.length) {
            headCache = (long) HEAD.getAcquire(this);
            if (t - headCache >= slots.length) {
                return false;
            }
        }
        int index = (int) t & mask;
        slots[index] = element;
        stamps[index] = stamp;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /** Consumer only: moves up to {@code max} elements into {@code out}; returns how many. */
    int drainTo(List<? super E> out, int max) {
        int n = Math.min(max, available());
        for (int i = 0; i < n; i++) {
            out.add(peek(i));
        }
        advance(n);
        return n;
    }

    /** Consumer only: how many elements are published and not yet taken. */
    int available() {
        return (int) ((long) TAIL.getAcquire(this) - (long) HEAD.getOpaque(this));
    }

    /** Consumer only: the {@code i}-th element not yet taken ({@code i < available()}). */
    @SuppressWarnings("unchecked")
    E peek(int i) {
        return (E) slots[(int) ((long) HEAD.getOpaque(this) + i) & mask];
    }

    /** Consumer only: the stamp of the {@code i}-th element not yet taken. */
    long stamp(int i) {
        return stamps[(int) ((long) HEAD.getOpaque(this) + i) & mask];
    }

    /** Consumer only: takes the first {@code n} elements (they were peeked), freeing their slots. */
    void advance(int n) {
        if (n <= 0) {
            return;
        }
        long h = (long) HEAD.getOpaque(this);
        for (int i = 0; i < n; i++) {
            slots[(int) (h + i) & mask] = null;
        }
        HEAD.setRelease(this, h + n);
    }

    long size() {
        return (long) TAIL.getAcquire(this) - (long) HEAD.getAcquire(this);
    }
}
