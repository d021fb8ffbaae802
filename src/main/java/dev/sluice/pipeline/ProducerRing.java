package dev.sluice.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.function.Predicate;

/**
 * A bounded ring with exactly one producer (the thread that owns it) and one consumer (the
 * dispatcher). Each producing thread gets its own, so producers never contend with each other:
 * an offer is a few plain stores and one release store.
 */
final class ProducerRing<E> {

    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

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
        this.mask = size - 1;
    }

    /** Producer only: false when full. */
    boolean offer(E element) {
        long t = (long) TAIL.getOpaque(this);
        if (t - headCache >= slots.length) {
            headCache = (long) HEAD.getAcquire(this);
            if (t - headCache >= slots.length) {
                return false;
            }
        }
        SLOT.setRelease(slots, (int) t & mask, element);
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /** Consumer only: moves up to {@code max} elements into {@code out}; returns how many. */
    @SuppressWarnings("unchecked")
    int drainTo(List<? super E> out, int max) {
        long h = (long) HEAD.getOpaque(this);
        long t = (long) TAIL.getAcquire(this);
        int n = (int) Math.min(max, t - h);
        for (int i = 0; i < n; i++) {
            int index = (int) (h + i) & mask;
            out.add((E) slots[index]);
            slots[index] = null;
        }
        if (n > 0) {
            HEAD.setRelease(this, h + n);
        }
        return n;
    }

    /**
     * Consumer only: moves elements from the head while {@code accept} says so; returns how many.
     */
    @SuppressWarnings("unchecked")
    int drainWhile(List<? super E> out, Predicate<E> accept) {
        long h = (long) HEAD.getOpaque(this);
        long t = (long) TAIL.getAcquire(this);
        int n = 0;
        while (h + n < t) {
            int index = (int) (h + n) & mask;
            E e = (E) slots[index];
            if (!accept.test(e)) {
                break;
            }
            out.add(e);
            slots[index] = null;
            n++;
        }
        if (n > 0) {
            HEAD.setRelease(this, h + n);
        }
        return n;
    }

    long size() {
        return (long) TAIL.getAcquire(this) - (long) HEAD.getAcquire(this);
    }
}
