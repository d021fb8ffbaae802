package dev.sluice.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An append-only column of strings that rarely repeat (request and attempt ids): their UTF-8 bytes
 * packed off the heap into {@link Slabs} of up to 1 MiB, never copied once written, with a start and a length per
 * value. About a dozen bytes for a short id instead of the ~56 of a {@link String} object, none of them on the heap.
 * Null is stored as length -1. Single writer; {@link #freeze()} shares the slabs as {@link LongColumn} shares its
 * blocks.
 */
public final class TextColumn {

    private final Slabs slabs = new Slabs(4096, 1 << 20); // from 4 KiB: a short log does not hold a whole MiB
    private final LongColumn starts = new LongColumn();
    private final LongColumn lengths = new LongColumn();

    public void add(String value) {
        if (value == null) {
            starts.add(starts.size() == 0 ? 0 : starts.get(starts.size() - 1));
            lengths.add(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        long at = slabs.reserve(bytes.length);
        slabs.slab(at).put((int) at, bytes);
        starts.add(at);
        lengths.add(bytes.length);
    }

    /** Value {@code index} as written so far (the writer's thread). */
    public String get(int index) {
        return text(slabs.array(), starts.get(index), (int) lengths.get(index));
    }

    /**
     * Whether value {@code index} is {@code value}, compared in place: an id looked up per event builds no String and
     * no bytes (an ASCII id, as every probe's is; others are encoded once to compare).
     */
    public boolean is(int index, String value) {
        int length = (int) lengths.get(index);
        if (length < 0 || value == null) {
            return length < 0 && value == null;
        }
        long start = starts.get(index);
        ByteBuffer slab = slabs.array()[(int) (start >>> 32)];
        int at = (int) start;
        if (value.length() == length) {
            // as many bytes as chars: equal only if every char is ASCII, one byte each
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                if (c >= 0x80 || slab.get(at + i) != (byte) c) {
                    return false;
                }
            }
            return true;
        }
        if (value.length() > length) {
            return false; // UTF-8 takes at least a byte per char
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return bytes.length == length && slab.slice(at, length).equals(ByteBuffer.wrap(bytes));
    }

    private static String text(ByteBuffer[] slabs, long start, int length) {
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        slabs[(int) (start >>> 32)].get((int) start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public Frozen freeze() {
        return new Frozen(slabs.array(), starts.freeze(), lengths.freeze());
    }

    /** The values as they were at freeze time. */
    public static final class Frozen {
        private final ByteBuffer[] slabs;
        private final LongColumn.Frozen starts;
        private final LongColumn.Frozen lengths;

        Frozen(ByteBuffer[] slabs, LongColumn.Frozen starts, LongColumn.Frozen lengths) {
            this.slabs = slabs;
            this.starts = starts;
            this.lengths = lengths;
        }

        public String get(int index) {
            return text(slabs, starts.get(index), (int) lengths.get(index));
        }

        public int size() {
            return starts.size();
        }
    }
}
