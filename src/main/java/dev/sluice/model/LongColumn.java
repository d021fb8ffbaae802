package dev.sluice.model;

import java.util.Arrays;

/**
 * An append-only column of longs packed per block of {@value #BLOCK} values: each block stores its
 * values as offsets from the block's first value in the narrowest width that fits them (1, 2, 4 or 8
 * bytes), so times a few microseconds apart, small counts or a handful of dictionary ids cost 1–4
 * bytes a value instead of 8. Written by one thread; {@link #freeze()} is O(1) and shares the blocks:
 * a full block never changes again, and the block being written is captured as it was.
 */
public final class LongColumn {

    static final int BLOCK_BITS = 12;
    static final int BLOCK = 1 << BLOCK_BITS;
    private static final int MASK = BLOCK - 1;

    private long[] bases = new long[4];
    private Object[] blocks = new Object[4];
    private Object tail;
    private int size;

    public void add(long value) {
        int b = size >>> BLOCK_BITS;
        int at = size & MASK;
        if (at == 0) {
            if (b == blocks.length) {
                blocks = Arrays.copyOf(blocks, b * 2);
                bases = Arrays.copyOf(bases, b * 2);
            }
            bases[b] = value;
            tail = new byte[16];
            blocks[b] = tail;
        }
        long offset = value - bases[b];
        tail = store(widened(tail, offset, at), at, offset);
        blocks[b] = tail;
        size++;
    }

    public int size() {
        return size;
    }

    public long get(int index) {
        return read(index < (size & ~MASK) ? blocks[index >>> BLOCK_BITS] : tail, bases[index >>> BLOCK_BITS], index & MASK);
    }

    public Frozen freeze() {
        return new Frozen(bases, blocks, tail, size);
    }

    /** The array of {@code block}, wide enough for {@code offset} and with room at {@code at}; a new one if not. */
    private static Object widened(Object block, long offset, int at) {
        int width = width(block);
        int need = offset == (byte) offset ? 1 : offset == (short) offset ? 2 : offset == (int) offset ? 4 : 8;
        int length = length(block);
        if (need <= width && at < length) {
            return block;
        }
        int capacity = at < length ? length : Math.min(BLOCK, length * 2);
        Object grown = allocate(Math.max(need, width), capacity);
        for (int i = 0; i < at; i++) {
            store(grown, i, read(block, 0, i));
        }
        return grown;
    }

    private static Object allocate(int width, int capacity) {
        return switch (width) {
            case 1 -> new byte[capacity];
            case 2 -> new short[capacity];
            case 4 -> new int[capacity];
            default -> new long[capacity];
        };
    }

    private static int width(Object block) {
        return block instanceof byte[] ? 1 : block instanceof short[] ? 2 : block instanceof int[] ? 4 : 8;
    }

    private static int length(Object block) {
        if (block instanceof byte[] a) {
            return a.length;
        } else if (block instanceof short[] a) {
            return a.length;
        } else if (block instanceof int[] a) {
            return a.length;
        }
        return ((long[]) block).length;
    }

    private static Object store(Object block, int at, long offset) {
        if (block instanceof byte[] a) {
            a[at] = (byte) offset;
        } else if (block instanceof short[] a) {
            a[at] = (short) offset;
        } else if (block instanceof int[] a) {
            a[at] = (int) offset;
        } else {
            ((long[]) block)[at] = offset;
        }
        return block;
    }

    private static long read(Object block, long base, int at) {
        if (block instanceof byte[] a) {
            return base + a[at];
        } else if (block instanceof short[] a) {
            return base + a[at];
        } else if (block instanceof int[] a) {
            return base + a[at];
        }
        return base + ((long[]) block)[at];
    }

    /** The first {@code size} values as they were at freeze time; safe to read on any thread once published. */
    public static final class Frozen {
        private final long[] bases;
        private final Object[] blocks;
        private final Object tail;
        private final int size;
        private final int full;

        Frozen(long[] bases, Object[] blocks, Object tail, int size) {
            this.bases = bases;
            this.blocks = blocks;
            this.tail = tail;
            this.size = size;
            this.full = size & ~MASK;
        }

        public int size() {
            return size;
        }

        public long get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return read(index < full ? blocks[index >>> BLOCK_BITS] : tail, bases[index >>> BLOCK_BITS], index & MASK);
        }
    }
}
