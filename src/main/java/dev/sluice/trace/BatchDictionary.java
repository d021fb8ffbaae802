package dev.sluice.trace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;

/**
 * The writer's side of one dictionary-encoded column of format 3: each value of the batch gets the
 * index of its first occurrence; the distinct values go to the dictionary written before the batch.
 * The hash table is cleared per batch by a generation stamp (no refill), and grows only while a
 * batch has more distinct values than it holds, so a row costs one probe and no allocation.
 */
abstract sealed class BatchDictionary permits BatchDictionary.Text, BatchDictionary.Numbers {

    private static final int INITIAL = 256;
    /** The rows' indices, staged in Java arrays until the batch is written. */
    final ColumnBuffer indices;
    final Dictionary dictionary;
    int count;
    int[] stamps = new int[INITIAL];
    short[] slots = new short[INITIAL];
    int generation = 1;

    BatchDictionary(SmallIntVector indices, FieldVector values, DictionaryEncoding encoding) {
        this.indices = new ColumnBuffer(indices, TraceSchema.MAX_BATCH_ROWS);
        this.dictionary = new Dictionary(values, encoding);
    }

    /** Ends a batch of {@code rows}: its indices go to their vector; the dictionary holds its values until {@link #reset()}. */
    final void seal(int rows) {
        indices.flush(rows);
        dictionary.getVector().setValueCount(count);
    }

    /** Starts the next batch's dictionary. */
    void reset() {
        dictionary.getVector().reset();
        indices.clear();
        count = 0;
        generation++;
        if (generation == Integer.MAX_VALUE) {
            Arrays.fill(stamps, 0);
            generation = 1;
        }
    }

    final int mask() {
        return stamps.length - 1;
    }

    /** Doubles the table when it is half full (load factor 0.5 keeps probes short). */
    final boolean full() {
        return count * 2 >= stamps.length;
    }

    abstract void grow();

    final void close() {
        dictionary.getVector().close();
    }

    static int mix(long h) {
        long x = h * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32));
    }

    /** Text values (threads, the s slots). */
    static final class Text extends BatchDictionary {
        private final VarCharVector values;
        private String[] keys = new String[INITIAL];
        /** The last value set and its index: a column often repeats the same String instance. */
        private String last;
        private int lastIndex;

        Text(SmallIntVector indices, BufferAllocator allocator, DictionaryEncoding encoding) {
            super(indices, new VarCharVector("dictionary-" + encoding.getId(), allocator), encoding);
            this.values = (VarCharVector) dictionary.getVector();
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
            int m = mask();
            for (int p = mix(h) & m; ; p = (p + 1) & m) {
                if (stamps[p] != generation) {
                    if (full()) {
                        grow();
                        set(row, value);
                        return;
                    }
                    stamps[p] = generation;
                    keys[p] = value;
                    slots[p] = (short) count;
                    values.setSafe(count, value.getBytes(StandardCharsets.UTF_8));
                    remember(value, count);
                    indices.set(row, count++);
                    return;
                }
                String k = keys[p];
                if (k == value || k.equals(value)) {
                    remember(value, slots[p]);
                    indices.set(row, slots[p]);
                    return;
                }
            }
        }

        private void remember(String value, int index) {
            last = value;
            lastIndex = index;
        }

        @Override
        void reset() {
            super.reset();
            last = null;
        }

        @Override
        void grow() {
            String[] oldKeys = keys;
            int[] oldStamps = stamps;
            short[] oldSlots = slots;
            keys = new String[oldKeys.length * 2];
            stamps = new int[keys.length];
            slots = new short[keys.length];
            int m = mask();
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldStamps[i] == generation) {
                    int p = mix(oldKeys[i].hashCode()) & m;
                    while (stamps[p] == generation) {
                        p = (p + 1) & m;
                    }
                    stamps[p] = generation;
                    keys[p] = oldKeys[i];
                    slots[p] = oldSlots[i];
                }
            }
        }
    }

    /** int64 values (thread ids, the n slots). */
    static final class Numbers extends BatchDictionary {
        private final BigIntVector values;
        private long[] keys = new long[INITIAL];

        Numbers(SmallIntVector indices, BufferAllocator allocator, DictionaryEncoding encoding) {
            super(indices, new BigIntVector("dictionary-" + encoding.getId(), allocator), encoding);
            this.values = (BigIntVector) dictionary.getVector();
        }

        void set(int row, long value) {
            int m = mask();
            for (int p = mix(value) & m; ; p = (p + 1) & m) {
                if (stamps[p] != generation) {
                    if (full()) {
                        grow();
                        set(row, value);
                        return;
                    }
                    stamps[p] = generation;
                    keys[p] = value;
                    slots[p] = (short) count;
                    values.setSafe(count, value);
                    indices.set(row, count++);
                    return;
                }
                if (keys[p] == value) {
                    indices.set(row, slots[p]);
                    return;
                }
            }
        }

        @Override
        void grow() {
            long[] oldKeys = keys;
            int[] oldStamps = stamps;
            short[] oldSlots = slots;
            keys = new long[oldKeys.length * 2];
            stamps = new int[keys.length];
            slots = new short[keys.length];
            int m = mask();
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldStamps[i] == generation) {
                    int p = mix(oldKeys[i]) & m;
                    while (stamps[p] == generation) {
                        p = (p + 1) & m;
                    }
                    stamps[p] = generation;
                    keys[p] = oldKeys[i];
                    slots[p] = oldSlots[i];
                }
            }
        }
    }
}
