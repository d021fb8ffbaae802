package dev.sluice.model;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The off-heap memory of one column: {@link ByteBuffer} slabs handed out by bumping a pointer, so a
 * model's packed values cost no heap and growing a column never copies what it holds. A location is
 * {@code slab << 32 | offset}. Slabs grow from {@code first} to {@code max} bytes, so a short column does not
 * hold a whole slab. Nothing is freed one by one: a slab goes when the last column or frozen view that reads it is
 * collected (a run closed and dropped), which is safe while a view on another thread still reads it; {@link
 * #reservedBytes()} counts what is held. Slabs are direct buffers while their run's slabs hold less than {@link
 * #directBudget()}; beyond it they are mapped from scratch files ({@link MappedSlabs}), so a run of tens of millions of
 * events does not hit the direct-memory limit (by default the heap's size). The budget is per run ({@link Budget}): a
 * live run started after a large replay was opened gets direct slabs of its own, whatever the replay still holds
 * until it is collected, while all runs' direct slabs together stay within {@link #directCap()}. Single writer; {@link #array()} is shared with frozen views, which read only
 * slabs that existed when they were frozen.
 */
final class Slabs {

    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong RESERVED = new AtomicLong();
    private static final AtomicLong MAPPED = new AtomicLong();
    private static final AtomicLong COUNTED = new AtomicLong(); // only grows: frees elsewhere never hide an allocation
    // a quarter of the default direct-memory limit (the heap's size), at most 256 MiB: room for Arrow's own buffers
    private static volatile long directBudget = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);
    // all runs together: half the default direct-memory limit, so NIO, Arrow and the renderer keep the other half
    // (a per-run budget alone let a replay, compare windows and a live run exhaust it)
    private static volatile long directCap = Runtime.getRuntime().maxMemory() / 2;

    /**
     * The direct bytes one run's slabs hold. A column takes the budget of the thread that first grows it: a live run's
     * columns grow on its own dispatcher thread, a replay's on the thread {@link #startRun() loading} it. Only the
     * run's columns reach it, so it goes with them: nothing needs to give it back.
     */
    static final class Budget {
        private final AtomicLong direct = new AtomicLong();

        /** Direct-buffer bytes this run's slabs hold now. */
        long directBytes() {
            return direct.get();
        }
    }

    private static final ThreadLocal<Budget> RUN = ThreadLocal.withInitial(Budget::new);

    private final int max;
    private Budget budget;
    private ByteBuffer[] slabs = new ByteBuffer[2];
    private int count;
    private int used;
    private int next;

    Slabs(int first, int max) {
        this.next = first;
        this.max = max;
    }

    /** Bytes of slab memory every column of this JVM holds now (falls when dropped slabs are collected). */
    static long reservedBytes() {
        return RESERVED.get();
    }

    /** Slab bytes ever counted in {@link #reservedBytes()} by this JVM: what a run took, whatever others freed meanwhile. */
    static long countedBytes() {
        return COUNTED.get();
    }

    /** Of {@link #reservedBytes()}, the bytes mapped from scratch files. */
    static long mappedBytes() {
        return MAPPED.get();
    }

    /** Direct-buffer bytes this JVM's slabs may hold before new slabs are mapped from scratch files. */
    static long directBudget() {
        return directBudget;
    }

    /**
     * Slabs first grown on this thread from now on count against a new run's budget; returns the budget they counted
     * against before, for {@link #endRun}. A thread that loads one run after another (a replay's loader) calls it per run.
     */
    static Budget startRun() {
        Budget previous = RUN.get();
        RUN.set(new Budget());
        return previous;
    }

    /** This thread's slabs count against {@code previous} again (the run {@link #startRun()} began is built). */
    static void endRun(Budget previous) {
        RUN.set(previous);
    }

    /** The budget slabs first grown on this thread count against. */
    static Budget runBudget() {
        return RUN.get();
    }

    /** Direct-buffer bytes the slabs of every run together may hold; beyond it new slabs are mapped. */
    static long directCap() {
        return directCap;
    }

    /** Sets {@link #directCap()} and returns the previous one (tests of the mapped case). */
    static long directCap(long bytes) {
        long previous = directCap;
        directCap = bytes;
        return previous;
    }

    /** Sets {@link #directBudget()} and returns the previous one (tests of the mapped case). */
    static long directBudget(long bytes) {
        long previous = directBudget;
        directBudget = bytes;
        return previous;
    }

    /** {@code bytes} more bytes at a new location. */
    long reserve(int bytes) {
        if (count == 0 || used + bytes > slabs[count - 1].capacity()) {
            // a whole number of regions of this size: a column's sealed blocks are alike, and a slab of 2^k bytes would
            // leave most of a block's worth unused at its end while slabs are still small
            addSlab(bytes == 0 ? next : (int) Math.min(Integer.MAX_VALUE - 8, (next + bytes - 1L) / bytes * bytes));
            next = Math.min(max, next * 2);
        }
        long at = ((long) (count - 1) << 32) | used;
        used += bytes;
        return at;
    }

    /**
     * Whether the region at {@code location} of {@code bytes} bytes, the newest one, grew in place to {@code
     * grown} bytes; false (nothing changed) if it is not the newest or its slab has no room.
     */
    boolean extend(long location, int bytes, int grown) {
        int slab = (int) (location >>> 32);
        int offset = (int) location;
        if (slab != count - 1 || offset + bytes != used || offset + grown > slabs[slab].capacity()) {
            return false;
        }
        used = offset + grown;
        return true;
    }

    /** The slabs so far; later slabs go into a new array once this one is full. */
    ByteBuffer[] array() {
        return slabs;
    }

    ByteBuffer slab(long location) {
        return slabs[(int) (location >>> 32)];
    }

    private void addSlab(int bytes) {
        if (count == slabs.length) {
            slabs = Arrays.copyOf(slabs, count * 2);
        }
        if (budget == null) {
            budget = RUN.get();
        }
        slabs[count++] = allocate(bytes, budget);
        used = 0;
    }

    /**
     * A zeroed buffer in native order whose size {@link #reservedBytes()} counts until it is collected: direct within
     * {@code run}'s budget and the cap of all runs' direct slabs, else a slice of mapped memory.
     */
    static ByteBuffer allocate(int bytes, Budget run) {
        if (run.direct.get() + bytes > directBudget || RESERVED.get() - MAPPED.get() + bytes > directCap) {
            return MappedSlabs.slice(bytes);
        }
        ByteBuffer buffer;
        try {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        } catch (OutOfMemoryError directLimit) {
            // other runs still alive (a compare window's) hold the JVM's direct memory: this run maps instead
            return MappedSlabs.slice(bytes);
        }
        run.direct.addAndGet(bytes);
        CLEANER.register(buffer, () -> run.direct.addAndGet(-bytes)); // captures the run's budget, not the buffer
        return counted(buffer, bytes, false);
    }

    /** Counts {@code bytes} of {@code buffer} in {@link #reservedBytes()} until it is collected. */
    static ByteBuffer counted(ByteBuffer buffer, long bytes, boolean mapped) {
        RESERVED.addAndGet(bytes);
        COUNTED.addAndGet(bytes);
        if (mapped) {
            MAPPED.addAndGet(bytes);
        }
        CLEANER.register(buffer, () -> { // captures the size only: the buffer itself must become unreachable
            RESERVED.addAndGet(-bytes);
            if (mapped) {
                MAPPED.addAndGet(-bytes);
            }
        });
        return buffer;
    }
}
