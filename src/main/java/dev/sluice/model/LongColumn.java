package dev.sluice.model;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An append-only column of longs packed per block of {@value #BLOCK} values (or fewer): each block stores its
 * values as offsets from the block's first value in the narrowest width that fits them (1, 2, 4 or 8
 * bytes), so times a few microseconds apart, small counts or a handful of dictionary ids cost 1–4
 * bytes a value instead of 8. The blocks live off the heap ({@link Slabs}): a block is its first value then its
 * offsets, and the heap keeps one long per block saying where it is and how wide. Written by one thread; {@link
 * #freeze()} is O(1) and shares the blocks: a full block never changes again, and the block being written is
 * captured as it was (widening it writes a new copy, growing it only adds room past the frozen values).
 */
public final class LongColumn {

    static final int BLOCK_BITS = 12;
    static final int BLOCK = 1 << BLOCK_BITS;
    private static final int HEADER = Long.BYTES; // the block's first value
    private static final int FIRST_CAPACITY = 16;

    private final int blockBits;
    private final int mask;
    private final Slabs slabs = new Slabs(4096, 1 << 20);
    // per block: slab << 34 | log2(width) << 32 | offset of the block in its slab
    private long[] where = new long[4];
    private ByteBuffer tail;
    private int tailOffset;
    private int tailShift; // log2 of the tail's bytes per value; add() checks it and the capacity, not the buffer
    private int tailCapacity;
    private long tailBase;
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
        int at = size & mask;
        if (at == 0) {
            startBlock(size >>> blockBits, value);
        }
        long offset = value - tailBase;
        int shift = shift(offset);
        if (shift > tailShift || at == tailCapacity) {
            grow(size >>> blockBits, at, Math.max(shift, tailShift));
        }
        int p = tailOffset + HEADER + (at << tailShift);
        switch (tailShift) {
            case 0 -> tail.put(p, (byte) offset);
            case 1 -> tail.putShort(p, (short) offset);
            case 2 -> tail.putInt(p, (int) offset);
            default -> tail.putLong(p, offset);
        }
        size++;
    }

    public int size() {
        return size;
    }

    public long get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return read(slabs.array(), where[index >>> blockBits], index & mask);
    }

    public Frozen freeze() {
        long tailWhere = size == 0 ? 0 : where[(size - 1) >>> blockBits];
        return new Frozen(slabs.array(), where, tailWhere, size, blockBits);
    }

    private void startBlock(int block, long first) {
        if (block == where.length) {
            where = Arrays.copyOf(where, block * 2);
        }
        int capacity = Math.min(FIRST_CAPACITY, mask + 1);
        long location = slabs.reserve(HEADER + capacity);
        tail = slabs.slab(location);
        tailOffset = (int) location;
        tail.putLong(tailOffset, first);
        tailBase = first;
        tailShift = 0;
        tailCapacity = capacity;
        where[block] = encode(location, 0);
    }

    /** Makes room for value {@code at} of the tail, {@code 1 << shift} bytes wide: in place if it can, else a copy. */
    private void grow(int block, int at, int shift) {
        int capacity = at < tailCapacity ? tailCapacity : Math.min(mask + 1, tailCapacity * 2);
        long location = (where[block] >>> 34 << 32) | (where[block] & 0xFFFF_FFFFL);
        if (shift == tailShift
                && slabs.extend(location, HEADER + (tailCapacity << shift), HEADER + (capacity << shift))) {
            tailCapacity = capacity;
            return;
        }
        long fresh = slabs.reserve(HEADER + (capacity << shift));
        ByteBuffer to = slabs.slab(fresh);
        int toOffset = (int) fresh;
        to.putLong(toOffset, tailBase);
        for (int i = 0; i < at; i++) {
            long offset = readOffset(tail, tailOffset, tailShift, i);
            int p = toOffset + HEADER + (i << shift);
            switch (shift) {
                case 0 -> to.put(p, (byte) offset);
                case 1 -> to.putShort(p, (short) offset);
                case 2 -> to.putInt(p, (int) offset);
                default -> to.putLong(p, offset);
            }
        }
        tail = to;
        tailOffset = toOffset;
        tailShift = shift;
        tailCapacity = capacity;
        where[block] = encode(fresh, shift);
    }

    private static int shift(long offset) {
        return offset == (byte) offset ? 0 : offset == (short) offset ? 1 : offset == (int) offset ? 2 : 3;
    }

    private static long encode(long location, int shift) {
        return ((location >>> 32) << 34) | ((long) shift << 32) | (location & 0xFFFF_FFFFL);
    }

    private static long read(ByteBuffer[] slabs, long where, int at) {
        ByteBuffer slab = slabs[(int) (where >>> 34)];
        int offset = (int) where;
        return slab.getLong(offset) + readOffset(slab, offset, (int) (where >>> 32) & 3, at);
    }

    private static long readOffset(ByteBuffer slab, int offset, int shift, int at) {
        int p = offset + HEADER + (at << shift);
        return switch (shift) {
            case 0 -> slab.get(p);
            case 1 -> slab.getShort(p);
            case 2 -> slab.getInt(p);
            default -> slab.getLong(p);
        };
    }

    /** The first {@code size} values as they were at freeze time; safe to read on any thread once published. */
    public static final class Frozen {
        private final ByteBuffer[] slabs;
        private final long[] where;
        private final long tailWhere;
        private final int size;
        private final int full;
        private final int blockBits;
        private final int mask;

        Frozen(ByteBuffer[] slabs, long[] where, long tailWhere, int size, int blockBits) {
            this.slabs = slabs;
            this.where = where;
            this.tailWhere = tailWhere;
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
            return read(slabs, index < full ? where[index >>> blockBits] : tailWhere, index & mask);
        }
    }
}
