package dev.sluice.model;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An append-only column of longs packed per block of {@value #BLOCK} values (or fewer): each block stores its
 * values as offsets from the block's first value in the narrowest width that fits them (1, 2, 4 or 8
 * bytes), so times a few microseconds apart, small counts or a handful of dictionary ids cost 1–4
 * bytes a value instead of 8. Full blocks live off the heap ({@link Slabs}), sealed at exactly their width: the
 * heap keeps one long per block saying where it is, plus the one block being written (a small array that widens and
 * grows as values come). Written by one thread; {@link #freeze()} is O(1) and shares the blocks: a full block never
 * changes again, and the block being written is captured as it was (a sealed or widened block is a new copy).
 */
public final class LongColumn {

    static final int BLOCK_BITS = 12;
    static final int BLOCK = 1 << BLOCK_BITS;
    private static final int HEADER = Long.BYTES; // a sealed block's first value, before its offsets

    private final int blockBits;
    private final int mask;
    private final Slabs slabs = new Slabs(4096, 1 << 20);
    // per full block: slab << 34 | log2(width) << 32 | offset of the block in its slab
    private long[] where = new long[4];
    private long tailBase;
    private Object tail;
    private int tailWidth; // bytes per value of tail, and its length: add() checks these, not the array's type
    private int tailLength;
    /** The widest offset of the block being written: it is sealed at this width, however wide its array grew before. */
    private int blockNeed;
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
            tailBase = value;
            if (size == 0) {
                tailLength = Math.min(16, mask + 1); // a short column does not hold a whole block on the heap
                tailWidth = 1;
            } else {
                // a column past its first block is long and its blocks alike: start the next one whole, at the last
                // block's width, instead of growing and widening it a few times per block (a fifth of the fold's time)
                tailLength = mask + 1;
                tailWidth = blockNeed;
            }
            tail = widened(null, tailWidth, 0, tailLength);
            blockNeed = 1;
        }
        long offset = value - tailBase;
        int need = width(offset);
        blockNeed = Math.max(blockNeed, need);
        if (need > tailWidth || at >= tailLength) {
            tail = widened(tail, Math.max(need, tailWidth), at, at < tailLength ? tailLength : Math.min(mask + 1, tailLength * 2));
            tailWidth = width(tail);
            tailLength = length(tail);
        }
        switch (tailWidth) {
            case 1 -> ((byte[]) tail)[at] = (byte) offset;
            case 2 -> ((short[]) tail)[at] = (short) offset;
            case 4 -> ((int[]) tail)[at] = (int) offset;
            default -> ((long[]) tail)[at] = offset;
        }
        size++;
        if (at == mask) {
            seal(size >>> blockBits) ;
        }
    }

    public int size() {
        return size;
    }

    public long get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return index < (size & ~mask) ? sealed(slabs.array(), where[index >>> blockBits], index & mask)
                : tailBase + read(tail, index & mask);
    }

    /** Off-heap bytes of the sealed blocks, each at its own width. */
    long sealedBytes() {
        long bytes = 0;
        for (int b = 0; b < size >>> blockBits; b++) {
            bytes += HEADER + ((long) (mask + 1) << ((where[b] >>> 32) & 3));
        }
        return bytes;
    }

    public Frozen freeze() {
        return new Frozen(slabs.array(), where, tail, tailBase, size, blockBits);
    }

    /**
     * Copies the full tail off the heap as block {@code count - 1}, at the width its values need (a block started wide
     * after a sparse one is sealed narrow again); frozen views keep the heap copy.
     */
    private void seal(int count) {
        if (count > where.length) {
            where = Arrays.copyOf(where, where.length * 2);
        }
        int width = blockNeed;
        int shift = Integer.numberOfTrailingZeros(width);
        long location = slabs.reserve(HEADER + ((mask + 1) << shift));
        ByteBuffer slab = slabs.slab(location);
        int p = (int) location;
        slab.putLong(p, tailBase);
        p += HEADER;
        if (tail instanceof byte[] a) {
            slab.put(p, a);
        } else {
            for (int i = 0; i <= mask; i++, p += width) {
                long v = read(tail, i);
                switch (width) {
                    case 1 -> slab.put(p, (byte) v);
                    case 2 -> slab.putShort(p, (short) v);
                    case 4 -> slab.putInt(p, (int) v);
                    default -> slab.putLong(p, v);
                }
            }
        }
        where[count - 1] = ((location >>> 32) << 34) | ((long) shift << 32) | (location & 0xFFFF_FFFFL);
    }

    private static long sealed(ByteBuffer[] slabs, long where, int at) {
        ByteBuffer slab = slabs[(int) (where >>> 34)];
        int offset = (int) where;
        int shift = (int) (where >>> 32) & 3;
        int p = offset + HEADER + (at << shift);
        long base = slab.getLong(offset);
        return switch (shift) {
            case 0 -> base + slab.get(p);
            case 1 -> base + slab.getShort(p);
            case 2 -> base + slab.getInt(p);
            default -> base + slab.getLong(p);
        };
    }

    private static int width(long offset) {
        return offset == (byte) offset ? 1 : offset == (short) offset ? 2 : offset == (int) offset ? 4 : 8;
    }

    /** A new array of {@code width} bytes a value and {@code capacity} values holding the first {@code at} of {@code block}. */
    private static Object widened(Object block, int width, int at, int capacity) {
        Object grown = switch (width) {
            case 1 -> new byte[capacity];
            case 2 -> new short[capacity];
            case 4 -> new int[capacity];
            default -> new long[capacity];
        };
        for (int i = 0; i < at; i++) {
            long v = read(block, i);
            switch (width) {
                case 1 -> ((byte[]) grown)[i] = (byte) v;
                case 2 -> ((short[]) grown)[i] = (short) v;
                case 4 -> ((int[]) grown)[i] = (int) v;
                default -> ((long[]) grown)[i] = v;
            }
        }
        return grown;
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

    private static long read(Object block, int at) {
        if (block instanceof byte[] a) {
            return a[at];
        } else if (block instanceof short[] a) {
            return a[at];
        } else if (block instanceof int[] a) {
            return a[at];
        }
        return ((long[]) block)[at];
    }

    /** The first {@code size} values as they were at freeze time; safe to read on any thread once published. */
    public static final class Frozen {
        private final ByteBuffer[] slabs;
        private final long[] where;
        private final Object tail;
        private final long tailBase;
        private final int size;
        private final int full;
        private final int blockBits;
        private final int mask;

        Frozen(ByteBuffer[] slabs, long[] where, Object tail, long tailBase, int size, int blockBits) {
            this.slabs = slabs;
            this.where = where;
            this.tail = tail;
            this.tailBase = tailBase;
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
            return index < full ? sealed(slabs, where[index >>> blockBits], index & mask) : tailBase + read(tail, index & mask);
        }
    }
}
