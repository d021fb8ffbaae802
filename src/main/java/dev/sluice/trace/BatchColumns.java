package dev.sluice.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;

/**
 * Read access to one batch's text and integer columns whatever their encoding: plain (formats 1
 * and 2) or indices into the batch's own dictionary (format 3), whose values are decoded once per
 * batch. Offsets and indices come from the file and are checked before use.
 */
final class BatchColumns {

    private BatchColumns() {
    }

    /** A text column of the current batch. */
    interface Text {
        /** The value at {@code row}, or null. */
        String get(int row) throws RowDecoder.CorruptRow;
    }

    /** An integer column of the current batch. */
    interface Numbers {
        boolean isNull(int row) throws RowDecoder.CorruptRow;

        long get(int row);
    }

    /** A column the trace does not have (an older Sluice's, or of the wrong type): every value is null. */
    static final Text NO_TEXT = row -> null;
    static final Numbers NO_NUMBERS = new Numbers() {
        @Override
        public boolean isNull(int row) {
            return true;
        }

        @Override
        public long get(int row) {
            return 0;
        }
    };

    /**
     * The column {@code vector} as text: plain utf8, or a dictionary of utf8 (format 3);
     * {@link #NO_TEXT} when it is neither.
     */
    static Text text(FieldVector vector, ArrowStreamReader reader, Strings cache)
            throws RowDecoder.CorruptRow, IOException {
        if (vector instanceof VarCharVector plain && vector.getField().getDictionary() == null) {
            return row -> cache.get(plain, row);
        }
        Dictionary dictionary = dictionaryOf(vector, reader);
        if (!(vector instanceof SmallIntVector indices) || dictionary == null
                || !(dictionary.getVector() instanceof VarCharVector values)) {
            return NO_TEXT;
        }
        String[] decoded = new String[values.getValueCount()];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = cache.get(values, i);
        }
        return row -> {
            if (indices.isNull(row)) {
                return null;
            }
            int i = indices.get(row);
            if (i < 0 || i >= decoded.length) {
                throw outside(indices, i, decoded.length);
            }
            return decoded[i];
        };
    }

    /** The column {@code vector} as numbers: plain int64 or a dictionary of int64; {@link #NO_NUMBERS} otherwise. */
    static Numbers numbers(FieldVector vector, ArrowStreamReader reader) throws IOException {
        if (vector instanceof BigIntVector plain && vector.getField().getDictionary() == null) {
            return new Numbers() {
                @Override
                public boolean isNull(int row) {
                    return plain.isNull(row);
                }

                @Override
                public long get(int row) {
                    return plain.get(row);
                }
            };
        }
        Dictionary dictionary = dictionaryOf(vector, reader);
        if (!(vector instanceof SmallIntVector indices) || dictionary == null
                || !(dictionary.getVector() instanceof BigIntVector values)) {
            return NO_NUMBERS;
        }
        int n = values.getValueCount();
        long[] decoded = new long[n];
        boolean[] nulls = new boolean[n];
        for (int i = 0; i < n; i++) {
            nulls[i] = values.isNull(i);
            decoded[i] = nulls[i] ? 0 : values.get(i);
        }
        return new Numbers() {
            private int current = -1;
            private int index;

            @Override
            public boolean isNull(int row) throws RowDecoder.CorruptRow {
                if (indices.isNull(row)) {
                    return true;
                }
                int i = indices.get(row);
                if (i < 0 || i >= n) {
                    throw outside(indices, i, n);
                }
                current = row;
                index = i;
                return nulls[i];
            }

            @Override
            public long get(int row) {
                return row == current ? decoded[index] : decoded[indices.get(row)]; // isNull(row) checked it first
            }
        };
    }

    private static Dictionary dictionaryOf(FieldVector vector, ArrowStreamReader reader) throws IOException {
        DictionaryEncoding encoding = vector == null ? null : vector.getField().getDictionary();
        return encoding == null ? null : reader.getDictionaryVectors().get(encoding.getId());
    }

    /** The index of a fixed dictionary's column (engine, kind) at {@code row}; -1 when null. */
    static int index(BaseIntVector indices, int row) {
        return ((FieldVector) indices).isNull(row) ? -1 : (int) indices.getValueAsLong(row);
    }

    private static RowDecoder.CorruptRow outside(FieldVector indices, int index, int size) {
        return new RowDecoder.CorruptRow("column " + indices.getName() + " has dictionary index " + index
                + ", outside its batch's dictionary of " + size + " values");
    }

    /**
     * Decodes text values. They repeat a lot (threads, clients, streams), also across batches, so
     * decoded strings are kept in a small hash table keyed by their bytes, read straight from the
     * Arrow buffer: a repeat costs no allocation and shares one String.
     */
    static final class Strings {
        private static final int SIZE = 1024;
        private final int[] hashes = new int[SIZE];
        private final byte[][] keys = new byte[SIZE][];
        private final String[] strings = new String[SIZE];
        private byte[] scratch = new byte[256];

        String get(VarCharVector v, int row) throws RowDecoder.CorruptRow {
            if (v.isNull(row)) {
                return null;
            }
            ArrowBuf offsets = v.getOffsetBuffer();
            ArrowBuf data = v.getDataBuffer();
            int start = offsets.getInt((long) row * BaseVariableWidthVector.OFFSET_WIDTH);
            int end = offsets.getInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH);
            if (start < 0 || end < start || end > data.capacity()) {
                throw new RowDecoder.CorruptRow("text column " + v.getName() + " has offsets " + start + ".." + end
                        + " outside its " + data.capacity() + " bytes");
            }
            int length = end - start;
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            data.getBytes(start, scratch, 0, length); // one bounds check for the whole value
            int hash = length;
            for (int i = 0; i < length; i++) {
                hash = 31 * hash + scratch[i];
            }
            int slot = (hash ^ (hash >>> 16)) & (SIZE - 1);
            byte[] key = keys[slot];
            if (key != null && hashes[slot] == hash
                    && Arrays.equals(key, 0, key.length, scratch, 0, length)) {
                return strings[slot];
            }
            byte[] bytes = Arrays.copyOf(scratch, length);
            String s = new String(bytes, StandardCharsets.UTF_8);
            hashes[slot] = hash;
            keys[slot] = bytes;
            strings[slot] = s;
            return s;
        }
    }
}
