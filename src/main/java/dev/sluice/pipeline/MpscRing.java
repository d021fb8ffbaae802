package dev.sluice.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded lock-free queue for many producers and one consumer (Vyukov's sequenced ring):
 * {@link #offer} never blocks and fails fast when the ring is full.
 */
final class MpscRing<E> {

    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);

    private final Object[] slots;
    private final long[] sequences;
    private final int mask;
    private final AtomicLong tail = new AtomicLong();
    // padding keeps the consumer's index off the producers' cache line
    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7;
    private long head;

    MpscRing(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        slots = new Object[size];
        sequences = new long[size];
        mask = size - 1;
        for (int i = 0; i < size; i++) {
            sequences[i] = i;
        }
    }

    int capacity() {
        return slots.length;
    }

    boolean offer(E element) {
        long pos = tail.get();
        while (true) {
            int index = (int) pos & mask;
            long seq = (long) SEQ.getAcquire(sequences, index);
            long diff = seq - pos;
            if (diff == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    slots[index] = element;
                    SEQ.setRelease(sequences, index, pos + 1);
                    return true;
                }
                pos = tail.get();
            } else if (diff < 0) {
                return false;
            } else {
                pos = tail.get();
            }
        }
    }

    /** Single consumer only. */
    @SuppressWarnings("unchecked")
    E poll() {
        long pos = head;
        int index = (int) pos & mask;
        long seq = (long) SEQ.getAcquire(sequences, index);
        if (seq != pos + 1) {
            return null;
        }
        E element = (E) slots[index];
        slots[index] = null;
        SEQ.setRelease(sequences, index, pos + slots.length);
        head = pos + 1;
        return element;
    }

    /** Approximate number of queued elements. */
    long size() {
        return Math.max(0, tail.get() - head);
    }
}
