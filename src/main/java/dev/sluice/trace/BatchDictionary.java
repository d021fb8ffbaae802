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
 * The open-addressing table is cleared per batch by a generation stamp (no refill) and grows only
 * while a batch has more distinct values than it holds; a value repeated from the row before costs
 * no probe. The dictionary's values are staged in Java arrays and copied into their Arrow vector
 * once per batch, like the rows' indices, so a row costs at most one probe and no allocation.
 */
abstract sealed class BatchDictionary permits BatchDictionary.Text, BatchDictionary.Numbers {

    static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int INITIAL = 256;
    /** A table entry's generation sits above its 16-bit value index. */
    private static final int GENERATION_SHIFT = 16;
    private static final int LAST_GENERATION = 0xFFFF;
    /** The rows' indices, staged in Java arrays until the batch is written. */
    final ColumnBuffer indices;
    final Dictionary dictionary;
    /** Values the index type can address. */
    final int limit;
    int count;
    /** Per table entry: its generation and its value's index; an entry of an older generation is free. */
    int[] entries = new int[INITIAL];
    int generation = 1;

    BatchDictionary(BaseFixedWidthVector indices, FieldVector values, DictionaryEncoding encoding) {
        this.indices = new ColumnBuffer(indices, TraceSchema.MAX_BATCH_ROWS);
        this.dictionary = new Dictionary(values, encoding);
        this.limit = Math.min(TraceSchema.MAX_BATCH_ROWS, 1 << (8 * indices.getTypeWidth() - 1));
    }

    /** Whether the dictionary holds as many values as its indices can address: the batch must end. */
    final boolean exhausted() {
        return count == limit;
    }

    /** Ends a batch of {@code rows}: its indices and values go to their vectors, held until {@link #reset()}. */
    final void seal(int rows) {
        indices.flush(rows);
        sealValues();
    }

    abstract void sealValues();

    /** Starts the next batch's dictionary. */
    void reset() {
        indices.clear();
        count = 0;
        generation++;
        if (generation > LAST_GENERATION) {
            clearEntries();
            generation = 1;
        }
    }

    /** Frees every table entry (the generation stamp wrapped around). */
    void clearEntries() {
        Arrays.fill(entries, 0);
    }

    final boolean live(int entry) {
        return entry >>> GENERATION_SHIFT == generation;
    }

    /** Claims a free entry for the next value; false when the table must grow first. */
    final boolean claim(int p) {
        if (count * 2 >= entries.length) { // load factor 0.5 keeps probes short
            return false;
        }
        entries[p] = generation << GENERATION_SHIFT | count;
        return true;
    }

    final int[] grownEntries() {
        return new int[entries.length * 2];
    }

    static int index(int entry) {
        return entry & 0xFFFF;
    }

    static int mix(long h) {
        long x = h * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32));
    }

    /** Text values (threads, the s slots). */
    static final class Text extends BatchDictionary {
        private final VarCharVector values;
        private String[] keys = new String[INITIAL];
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
            int m = entries.length - 1;
            for (int p = mix(value.hashCode()) & m; ; p = (p + 1) & m) {
                int entry = entries[p];
                if (!live(entry)) {
                    if (!claim(p)) {
                        grow();
                        set(row, value);
                        return;
                    }
                    keys[p] = value;
                    append(value);
                    remember(value, count);
                    indices.set(row, count++);
                    return;
                }
                String k = keys[p];
                if (k == value || k.equals(value)) {
                    remember(value, index(entry));
                    indices.set(row, index(entry));
                    return;
                }
            }
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
        void reset() {
            super.reset();
            last = null;
            bytes = 0;
        }

        private void grow() {
            String[] oldKeys = keys;
            int[] oldEntries = entries;
            entries = grownEntries();
            keys = new String[entries.length];
            int m = entries.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (live(oldEntries[i])) {
                    int p = mix(oldKeys[i].hashCode()) & m;
                    while (live(entries[p])) {
                        p = (p + 1) & m;
                    }
                    entries[p] = oldEntries[i];
                    keys[p] = oldKeys[i];
                }
            }
        }
    }

    /**
     * int64 values (thread ids, the n slots, the time bases). A new value misses the cache (the
     * table of a column with unique values is large), so its key and entry sit side by side in one
     * array: {@code table[2p]} the key, {@code table[2p + 1]} the entry of {@link #entries}'s form.
     */
    static final class Numbers extends BatchDictionary {
        private final BigIntVector values;
        private long[] table = new long[2 * INITIAL];
        /** The values, int64 little-endian, in index order. */
        private final byte[] staged;
        /** The last value set and its index (-1: none yet this batch). */
        private long last;
        private int lastIndex = -1;

        Numbers(BaseFixedWidthVector indices, BufferAllocator allocator, DictionaryEncoding encoding) {
            super(indices, new BigIntVector("dictionary-" + encoding.getId(), allocator), encoding);
            this.values = (BigIntVector) dictionary.getVector();
            this.staged = new byte[limit * 8];
            entries = null; // the entries live in table
        }

        void set(int row, long value) {
            if (value == last && lastIndex >= 0) {
                indices.set(row, lastIndex);
                return;
            }
            int m = (table.length >> 1) - 1;
            for (int p = mix(value) & m; ; p = (p + 1) & m) {
                int entry = (int) table[2 * p + 1];
                if (!live(entry)) {
                    if (count * 2 >= m) { // load factor 0.5 keeps probes short
                        grow();
                        set(row, value);
                        return;
                    }
                    table[2 * p] = value;
                    table[2 * p + 1] = Integer.toUnsignedLong(generation << 16 | count);
                    LONGS.set(staged, count << 3, value);
                    last = value;
                    lastIndex = count;
                    indices.set(row, count++);
                    return;
                }
                if (table[2 * p] == value) {
                    last = value;
                    lastIndex = index(entry);
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
        void reset() {
            super.reset();
            lastIndex = -1;
        }

        @Override
        void clearEntries() {
            for (int i = 1; i < table.length; i += 2) {
                table[i] = 0;
            }
        }

        private void grow() {
            long[] old = table;
            table = new long[old.length * 2];
            int m = (table.length >> 1) - 1;
            for (int i = 0; i < old.length; i += 2) {
                if (live((int) old[i + 1])) {
                    int p = mix(old[i]) & m;
                    while (live((int) table[2 * p + 1])) {
                        p = (p + 1) & m;
                    }
                    table[2 * p] = old[i];
                    table[2 * p + 1] = old[i + 1];
                }
            }
        }
    }
}
