package dev.sluice.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;

/**
 * The writer's side of one dictionary-encoded column (format 3 on): each value of the batch gets the
 * index of its first occurrence; the distinct values go to the dictionary written before the batch.
 * Each kind keeps an open-addressing table that grows only while a batch has more distinct values
 * than it holds; a value repeated from the row before costs no probe. The dictionary's values are staged in Java arrays and copied into their Arrow vector
 * once per batch, like the rows' indices, so a row costs at most one probe and no allocation.
 */
abstract sealed class BatchDictionary permits BatchDictionary.Text, BatchDictionary.Numbers {

    static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final int INITIAL = 256;
    /** The rows' indices, staged in Java arrays until the batch is written. */
    final ColumnBuffer indices;
    final Dictionary dictionary;
    /** Values the index type can address. */
    final int limit;
    int count;

    BatchDictionary(BaseFixedWidthVector indices, FieldVector values, DictionaryEncoding encoding) {
        this.indices = new ColumnBuffer(indices, TraceSchema.MAX_BATCH_ROWS);
        this.dictionary = new Dictionary(values, encoding);
        this.limit = Math.min(TraceSchema.MAX_BATCH_ROWS, 1 << (8 * indices.getTypeWidth() - 1));
    }

    /** Whether the dictionary holds as many values as its indices can address: the batch must end. */
    final boolean exhausted() {
        return count == limit;
    }

    /** Ends a batch of {@code rows}: its indices and values go to their vectors, held until {@link #reset(int)}. */
    final void seal(int rows) {
        indices.flush(rows);
        sealValues();
    }

    abstract void sealValues();

    /** Starts the next batch's dictionary, after a batch of {@code rows}. */
    void reset(int rows) {
        indices.clear(rows);
        count = 0;
    }

    static int mix(long h) {
        long x = h * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32));
    }

    /**
     * Text values (threads, the s slots). A table entry holds the value's hash beside its generation
     * and index, so a probe dereferences a stored String only when the hashes match; the table is
     * cleared per batch by the generation stamp (no refill).
     */
    static final class Text extends BatchDictionary {
        /** An entry's generation sits above its 16-bit value index, its hash in the upper half. */
        private static final int GENERATION_SHIFT = 16;
        private static final int LAST_GENERATION = 0xFFFF;
        private final VarCharVector values;
        /** Per table entry: the value's hash, the entry's generation and the value's index; an older generation is free. */
        private long[] table = new long[INITIAL];
        /** The batch's values by index, written in order (a probe reads one only when the hashes match). */
        private final String[] byIndex;
        private int generation = 1;
        /** The values' UTF-8 bytes end to end, and their end offsets (int32, little-endian; offset 0 first). */
        private byte[] data = new byte[4096];
        private final byte[] offsets;
        private int bytes;
        /** The last value set and its index: a column often repeats the same String instance. */
        private String last;
        private int lastIndex;

        Text(BaseFixedWidthVector indices, BufferAllocator allocator, DictionaryEncoding encoding) {
            super(indices, new VarCharVector("dictionary-" + encoding.getId(), allocator), encoding);
            this.values = (VarCharVector) dictionary.getVector();
            this.offsets = new byte[(limit + 1) * 4];
            this.byIndex = new String[limit];
        }

        @SuppressWarnings("ReferenceEquality") // the same String instance repeats (thread names): equals() is the fallback
        void set(int row, String value) {
            if (value == null) {
                return; // a null index: the row's validity bit stays clear
            }
            if (value == last) {
                indices.set(row, lastIndex);
                return;
            }
            int h = value.hashCode();
            long[] t = table;
            int m = t.length - 1;
            for (int p = mix(h) & m; ; p = (p + 1) & m) {
                long entry = t[p];
                if (!live(entry)) {
                    if (count * 2 >= t.length) { // load factor 0.5 keeps probes short
                        grow();
                        set(row, value);
                        return;
                    }
                    t[p] = (long) h << 32 | Integer.toUnsignedLong(generation << GENERATION_SHIFT | count);
                    byIndex[count] = value;
                    append(value);
                    remember(value, count);
                    indices.set(row, count++);
                    return;
                }
                if ((int) (entry >>> 32) == h) {
                    int index = (int) entry & 0xFFFF;
                    String k = byIndex[index];
                    if (k == value || k.equals(value)) {
                        remember(value, index);
                        indices.set(row, index);
                        return;
                    }
                }
            }
        }

        private boolean live(long entry) {
            return (int) entry >>> GENERATION_SHIFT == generation;
        }

        /** Stages the value's UTF-8 bytes: ASCII is copied char by char, anything else encoded. */
        private void append(String value) {
            int n = value.length();
            ensure(bytes + n);
            int at = bytes;
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c >= 0x80) {
                    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                    ensure(bytes + utf8.length);
                    System.arraycopy(utf8, 0, data, bytes, utf8.length);
                    at = bytes + utf8.length;
                    break;
                }
                data[at++] = (byte) c;
            }
            bytes = at;
            INTS.set(offsets, (count + 1) << 2, bytes);
        }

        private void ensure(int size) {
            if (size > data.length) {
                data = Arrays.copyOf(data, Math.max(size, data.length * 2));
            }
        }

        private void remember(String value, int index) {
            last = value;
            lastIndex = index;
        }

        @Override
        void sealValues() {
            values.allocateNew(Math.max(bytes, 1), Math.max(count, 1));
            values.getOffsetBuffer().setBytes(0, offsets, 0, (count + 1) * 4L);
            values.getDataBuffer().setBytes(0, data, 0, bytes);
            ColumnBuffer.setAllValid(values.getValidityBuffer(), count);
            values.setLastSet(count - 1);
            values.setValueCount(count);
        }

        @Override
        void reset(int rows) {
            super.reset(rows);
            last = null;
            bytes = 0;
            generation++;
            if (generation > LAST_GENERATION) { // the stamp wrapped around: free every entry
                Arrays.fill(table, 0);
                generation = 1;
            }
        }

        private void grow() {
            long[] old = table;
            table = new long[old.length * 2];
            int m = table.length - 1;
            for (int i = 0; i < old.length; i++) {
                if (live(old[i])) {
                    int hash = (int) (old[i] >>> 32);
                    int p = mix(hash) & m;
                    while (live(table[p])) {
                        p = (p + 1) & m;
                    }
                    table[p] = old[i];
                }
            }
        }
    }

    /**
     * int64 values (thread ids, the n slots, the time bases). A column of unique values (window
     * samples, counters) inserts a new value on almost every row, so a probe's cost is the cache miss
     * on its table: the slots are 2-byte value indices ({@code index + 1}, 0 free; 128 KiB for a full
     * batch, which stays in the L2 cache); the key of a taken slot is read from the staged values by its
     * index, so an insert writes one random slot and appends its value (no key table of 8 bytes a slot).
     * Only the slots the batch took are zeroed when it ends: a table that grew in a batch with many
     * values stays that big, and zeroing all of it per batch cost more than the rows of a short batch
     * (a batch cut early by its thread dictionary).
     */
    static final class Numbers extends BatchDictionary {
        private final BigIntVector values;
        private char[] slots = new char[INITIAL];
        /** The slot of each value, by index: the slots to free when the batch ends. */
        private final int[] taken;
        /** The values, int64 little-endian, in index order. */
        private final byte[] staged;
        /** The last value set and its index (-1: none yet this batch). */
        private long last;
        private int lastIndex = -1;

        Numbers(BaseFixedWidthVector indices, BufferAllocator allocator, DictionaryEncoding encoding) {
            super(indices, new BigIntVector("dictionary-" + encoding.getId(), allocator), encoding);
            this.values = (BigIntVector) dictionary.getVector();
            this.staged = new byte[limit * 8];
            this.taken = new int[limit];
        }

        void set(int row, long value) {
            if (value == last && lastIndex >= 0) {
                indices.set(row, lastIndex);
                return;
            }
            char[] s = slots;
            int m = s.length - 1;
            for (int p = mix(value) & m; ; p = (p + 1) & m) {
                int slot = s[p];
                if (slot == 0) {
                    if (count * 2 >= m) { // load factor 0.5 keeps probes short
                        grow();
                        set(row, value);
                        return;
                    }
                    s[p] = (char) (count + 1);
                    taken[count] = p;
                    LONGS.set(staged, count << 3, value);
                    last = value;
                    lastIndex = count;
                    indices.set(row, count++);
                    return;
                }
                if ((long) LONGS.get(staged, (slot - 1) << 3) == value) {
                    last = value;
                    lastIndex = slot - 1;
                    indices.set(row, lastIndex);
                    return;
                }
            }
        }

        @Override
        void sealValues() {
            values.allocateNew(Math.max(count, 1));
            values.getDataBuffer().setBytes(0, staged, 0, count * 8L);
            ColumnBuffer.setAllValid(values.getValidityBuffer(), count);
            values.setValueCount(count);
        }

        @Override
        void reset(int rows) {
            char[] s = slots;
            for (int i = 0; i < count; i++) {
                s[taken[i]] = 0;
            }
            super.reset(rows);
            lastIndex = -1;
        }

        /** Doubles the slot table and places each of the batch's values again, by its staged key. */
        private void grow() {
            slots = new char[slots.length * 2];
            int m = slots.length - 1;
            for (int i = 0; i < count; i++) {
                int p = mix((long) LONGS.get(staged, i << 3)) & m;
                while (slots[p] != 0) {
                    p = (p + 1) & m;
                }
                slots[p] = (char) (i + 1);
                taken[i] = p;
            }
        }
    }
}
