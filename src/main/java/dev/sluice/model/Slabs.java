package dev.sluice.model;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The off-heap memory of one column: direct {@link ByteBuffer} slabs handed out by bumping a pointer, so a
 * model's packed values cost no heap and growing a column never copies what it holds. A location is
 * {@code slab << 32 | offset}. Slabs grow from {@code first} to {@code max} bytes, so a short column does not
 * hold a whole slab. Nothing is freed one by one: a slab goes when the last column or frozen view that reads it is
 * collected (a run closed and dropped), which is safe while a view on another thread still reads it; {@link
 * #reservedBytes()} counts what is held. Single writer; {@link #array()} is shared with frozen views, which read only
 * slabs that existed when they were frozen.
 */
final class Slabs {

    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong RESERVED = new AtomicLong();

    private final int max;
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
        slabs[count++] = allocate(bytes);
        used = 0;
    }

    /** A zeroed direct buffer in native order whose size {@link #reservedBytes()} counts until it is collected. */
    static ByteBuffer allocate(int bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        RESERVED.addAndGet(bytes);
        CLEANER.register(buffer, () -> RESERVED.addAndGet(-bytes));
        return buffer;
    }
}
