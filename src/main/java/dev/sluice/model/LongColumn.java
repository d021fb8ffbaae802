package dev.sluice.model;

import java.util.Arrays;

/**
 * An append-only column of longs packed per block of {@value #BLOCK} values (or fewer): each block stores its
 * values as offsets from the block's first value in the narrowest width that fits them (1, 2, 4 or 8
 * bytes), so times a few microseconds apart, small counts or a handful of dictionary ids cost 1–4
 * bytes a value instead of 8. Written by one thread; {@link #freeze()} is O(1) and shares the blocks:
 * a full block never changes again, and the block being written is captured as it was.
 */
public final class LongColumn {

    static final int BLOCK_BITS = 12;
    static final int BLOCK = 1 << BLOCK_BITS;

    private final int blockBits;
    private final int mask;
    private long[] bases = new long[4];
    private Object[] blocks = new Object[4];
    private Object tail;
    private int tailWidth; // bytes per value of tail, and its length: add() checks these, not the array's type
    private int tailLength;
    private int size;

    public LongColumn() {
        this(BLOCK_BITS);
    }

    /** A column of blocks of 2^{@code blockBits} values: smaller blocks keep offsets narrower for values that climb fast. */
    public LongColumn(int blockBits) {
        this.blockBits = blockBits;
        this.mask = (1 << blockBits) - 1;
    }

    public void add(long value) {
        int b = size >>> blockBits;
        int at = size & mask;
        if (at == 0) {
            if (b == blocks.length) {
                blocks = Arrays.copyOf(blocks, b * 2);
                bases = Arrays.copyOf(bases, b * 2);
            }
            bases[b] = value;
            tail = new byte[Math.min(16, mask + 1)];
            tailWidth = 1;
            tailLength = Math.min(16, mask + 1);
            blocks[b] = tail;
        }
        long offset = value - bases[b];
        int need = offset == (byte) offset ? 1 : offset == (short) offset ? 2 : offset == (int) offset ? 4 : 8;
        if (need > tailWidth || at >= tailLength) {
            tail = widened(tail, offset, at, mask + 1);
            tailWidth = width(tail);
            tailLength = length(tail);
            blocks[b] = tail;
        }
        switch (tailWidth) {
            case 1 -> ((byte[]) tail)[at] = (byte) offset;
            case 2 -> ((short[]) tail)[at] = (short) offset;
            case 4 -> ((int[]) tail)[at] = (int) offset;
            default -> ((long[]) tail)[at] = offset;
        }
        size++;
    }

    public int size() {
        return size;
    }

    public long get(int index) {
        return read(index < (size & ~mask) ? blocks[index >>> blockBits] : tail, bases[index >>> blockBits], index & mask);
    }

    public Frozen freeze() {
        return new Frozen(bases, blocks, tail, size, blockBits);
    }

    /** The array of {@code block}, wide enough for {@code offset} and with room at {@code at}; a new one if not. */
    private static Object widened(Object block, long offset, int at, int blockSize) {
        int width = width(block);
        int need = offset == (byte) offset ? 1 : offset == (short) offset ? 2 : offset == (int) offset ? 4 : 8;
        int length = length(block);
        if (need <= width && at < length) {
            return block;
        }
        int capacity = at < length ? length : Math.min(blockSize, length * 2);
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
        private final int blockBits;
        private final int mask;

        Frozen(long[] bases, Object[] blocks, Object tail, int size, int blockBits) {
            this.bases = bases;
            this.blocks = blocks;
            this.tail = tail;
            this.size = size;
            this.blockBits = blockBits;
            this.mask = (1 << blockBits) - 1;
            this.full = size & ~mask;
        }

        public int size() {
            return size;
        }

        public long get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return read(index < full ? blocks[index >>> blockBits] : tail, bases[index >>> blockBits], index & mask);
        }
    }
}
