package dev.sluice.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;

/**
 * Read access to one batch's columns whatever their encoding: plain (formats 1 and 2) or int16 or
 * int8 indices into the batch's own dictionary (formats 3 and 4), and the run time as {@code t_ns}
 * or (format 4) {@code t_base + t_off}. Each column's buffers are copied once per batch into
 * Java arrays and its dictionary decoded once, so a row reads plain arrays: Arrow's accessors check
 * bounds and reference counts on every value, which cost more than the rest of the decoding.
 * Offsets and indices come from the file and are checked before use.
 */
final class BatchColumns {

    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private BatchColumns() {
    }

    /**
     * One column of the current batch, as a dictionary: each row holds an index into {@link #strings}
     * or {@link #longs} (for a plain column, its own row), or none (null). A column the trace does not
     * have, or of the wrong type, is null in every row. Reused from batch to batch.
     */
    static final class Column {
        /** What {@link #raw} gives for a null row. */
        static final int NULL = Integer.MIN_VALUE;
        private final String name;
        /** Validity bits of the rows; null when every row is valid. */
        private byte[] validity;
        private byte[] validityBuffer = new byte[0];
        /** int16 (or int8) indices; null for a plain column, whose row is its index. */
        private byte[] indices = new byte[0];
        private int width;
        private boolean absent = true;
        private int size;
        /** The dictionary's values (a plain column: the rows'), for text; null entries are null values. */
        String[] strings = new String[0];
        /** The dictionary's values (a plain column: the rows'), for numbers. */
        long[] longs = new long[0];
        /** Which of {@link #longs} are null; null when none. */
        boolean[] nulls;
        private byte[] scratch = new byte[0];
        /** Format 4's time columns, reused from batch to batch: the base values and each row's base index. */
        private long[] bases = new long[0];
        private int[] baseIndex = new int[0];
        /** Format 4: the batch's run times are t_base + t_off (else t_ns); for messages. */
        private boolean split;
        private IntVector offsetColumn;

        Column(String name) {
            this.name = name;
        }

        /** The dictionary index at {@code row}, or -1 for a null value. */
        int index(int row) throws RowDecoder.CorruptRow {
            if (absent || (validity != null && (validity[row >> 3] & (1 << (row & 7))) == 0)) {
                return -1;
            }
            int i = width == 2 ? (short) SHORTS.get(indices, row << 1) : width == 0 ? row : indices[row];
            if (i < 0 || i >= size) {
                throw new RowDecoder.CorruptRow("column " + name + " has dictionary index " + i
                        + ", outside its batch's dictionary of " + size + " values");
            }
            return i;
        }

        /** A fixed dictionary's index at {@code row} as stored, unchecked; {@link #NULL} for none. */
        int raw(int row) {
            if (absent || (validity != null && (validity[row >> 3] & (1 << (row & 7))) == 0)) {
                return NULL;
            }
            return width == 2 ? (short) SHORTS.get(indices, row << 1) : width == 0 ? row : indices[row];
        }

        /** The text at {@code row}, or null. */
        String text(int row) throws RowDecoder.CorruptRow {
            int i = index(row);
            return i < 0 ? null : strings[i];
        }

        /** The dictionary index at {@code row} of a number that is there, or -1 for a null one. */
        int number(int row) throws RowDecoder.CorruptRow {
            int i = index(row);
            return i < 0 || (nulls != null && nulls[i]) ? -1 : i;
        }

        /** The number at {@code row}, {@code otherwise} when it is null. */
        long number(int row, long otherwise) throws RowDecoder.CorruptRow {
            int i = number(row);
            return i < 0 ? otherwise : longs[i];
        }

        /** Values in the batch's dictionary (a plain column: rows). */
        int size() {
            return size;
        }

        /** Every row null: the trace has no such column, or not of a type Sluice reads. */
        void none() {
            absent = true;
            size = 0;
        }

        /** Reads the rows of the batch's {@code vector}: text, plain or dictionary-encoded; false (all null) for neither. */
        boolean text(FieldVector vector, Map<Long, Dictionary> dictionaries, Strings cache) throws RowDecoder.CorruptRow {
            if (vector instanceof VarCharVector plain && vector.getField().getDictionary() == null) {
                int n = plain.getValueCount();
                rows(plain, 0);
                strings = capacity(strings, n);
                for (int i = 0; i < n; i++) {
                    strings[i] = validAt(i) ? cache.get(plain, i) : null;
                }
                size = n;
                return true;
            }
            Dictionary dictionary = dictionaryOf(vector, dictionaries);
            int indexWidth = indexWidth(vector);
            if (indexWidth == 0 || dictionary == null || !(dictionary.getVector() instanceof VarCharVector values)) {
                none();
                return false;
            }
            rows((BaseFixedWidthVector) vector, indexWidth);
            int n = values.getValueCount();
            strings = capacity(strings, n);
            for (int i = 0; i < n; i++) {
                strings[i] = cache.get(values, i);
            }
            size = n;
            return true;
        }

        /** Reads the rows of the batch's {@code vector}: int64, plain or dictionary-encoded; false (all null) for neither. */
        boolean numbers(FieldVector vector, Map<Long, Dictionary> dictionaries) {
            BigIntVector values;
            if (vector instanceof BigIntVector plain && vector.getField().getDictionary() == null) {
                values = plain;
                rows(plain, 0);
            } else {
                Dictionary dictionary = dictionaryOf(vector, dictionaries);
                int indexWidth = indexWidth(vector);
                if (indexWidth == 0 || dictionary == null || !(dictionary.getVector() instanceof BigIntVector dictionaryValues)) {
                    none();
                    return false;
                }
                values = dictionaryValues;
                rows((BaseFixedWidthVector) vector, indexWidth);
            }
            int n = values.getValueCount();
            longs = n <= longs.length ? longs : new long[Math.max(n, longs.length * 2)];
            values.getDataBuffer().getBytes(0, scratch(n * 8L), 0, n * 8); // validate() checked the length
            ByteBuffer.wrap(scratch, 0, n * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(longs, 0, n);
            nulls = null;
            if (values.getNullCount() > 0) {
                nulls = new boolean[n];
                for (int i = 0; i < n; i++) {
                    nulls[i] = values.isNull(i);
                }
            }
            size = n;
            return true;
        }

        /**
         * Reads the run times of the batch in {@code root}: {@code t_ns} (formats 1 to 3) or, from
         * format 4, {@code t_base + t_off}, resolved once per row into {@link #longs}, so a row's
         * {@link #number(int)} is its own. A row whose base or offset is null has no time.
         *
         * @throws RowDecoder.CorruptRow when the trace has neither, or a base index is outside its dictionary
         */
        void times(VectorSchemaRoot root, Map<Long, Dictionary> dictionaries) throws RowDecoder.CorruptRow {
            FieldVector plain = root.getVector(TraceSchema.TIME);
            if (plain instanceof BigIntVector && plain.getField().getDictionary() == null) {
                split = false;
                offsetColumn = null;
                numbers(plain, dictionaries);
                return;
            }
            FieldVector base = root.getVector(TraceSchema.TIME_BASE);
            if (!(root.getVector(TraceSchema.TIME_OFFSET) instanceof IntVector offsets) || base == null
                    || !numbers(base, dictionaries)) {
                throw new RowDecoder.CorruptRow("the run time columns " + TraceSchema.TIME_BASE + " (int8 dictionary of"
                        + " int64) and " + TraceSchema.TIME_OFFSET + " (int32) are missing or have the wrong type; formats"
                        + " 1 to 3 have " + TraceSchema.TIME + " (int64) instead");
            }
            int n = root.getRowCount();
            split = true;
            offsetColumn = offsets;
            bases = bases.length >= size ? bases : new long[Math.max(size, bases.length * 2)];
            System.arraycopy(longs, 0, bases, 0, size);
            boolean[] baseNulls = nulls;
            baseIndex = baseIndex.length >= n ? baseIndex : new int[Math.max(n, baseIndex.length * 2)];
            for (int row = 0; row < n; row++) {
                baseIndex[row] = index(row);
            }
            // the base column's validity stays: a row with a null base has no time
            longs = n <= longs.length ? longs : new long[n];
            boolean baseValuesWhole = true; // a null value in the base dictionary is a row without a time, not time 0
            for (int b = 0; baseNulls != null && b < size; b++) {
                baseValuesWhole &= !baseNulls[b];
            }
            validity = offsets.getNullCount() == 0 && validity == null && baseValuesWhole ? null
                    : combinedValidity(offsets, baseIndex, baseNulls, n);
            ArrowBuf data = offsets.getDataBuffer();
            for (int row = 0; row < n; row++) {
                int b = baseIndex[row];
                longs[row] = b < 0 ? 0 : bases[b] + data.getInt((long) row * IntVector.TYPE_WIDTH);
            }
            nulls = null;
            width = 0;
            size = n;
        }

        /**
         * The column a row's missing or negative run time comes from, for messages: {@code t_ns}, or in
         * format 4 {@code t_base} or {@code t_off} (a null base or offset), or their sum.
         */
        String timeColumn(int row, boolean missing) {
            if (!split) {
                return TraceSchema.TIME;
            }
            if (!missing) {
                return TraceSchema.TIME_BASE + " + " + TraceSchema.TIME_OFFSET;
            }
            return baseIndex[row] < 0 || offsetColumn == null || !offsetColumn.isNull(row) ? TraceSchema.TIME_BASE
                    : TraceSchema.TIME_OFFSET;
        }

        private byte[] combinedValidity(IntVector offsets, int[] baseIndex, boolean[] baseNulls, int n) {
            byte[] bits = new byte[(n + 7) >> 3];
            for (int row = 0; row < n; row++) {
                int b = baseIndex[row];
                if (b >= 0 && (baseNulls == null || !baseNulls[b]) && !offsets.isNull(row)) {
                    bits[row >> 3] |= (byte) (1 << (row & 7));
                }
            }
            return bits;
        }

        /** Reads a fixed dictionary's indices (engine, kind: int8 or int16) against {@code size} values. */
        void indices(FieldVector vector, int dictionarySize) throws RowDecoder.CorruptRow {
            if (vector instanceof SmallIntVector v) {
                rows(v, 2);
            } else if (vector instanceof TinyIntVector v) {
                rows(v, 1);
            } else {
                throw new RowDecoder.CorruptRow("column " + name + " is missing or has the wrong type");
            }
            size = dictionarySize;
        }

        private byte[] scratch(long bytes) {
            if (scratch.length < bytes) {
                scratch = new byte[(int) Math.max(bytes, scratch.length * 2L)];
            }
            return scratch;
        }

        /** Copies the rows' validity bits and (width > 0) their indices. */
        private void rows(FieldVector vector, int indexWidth) {
            int n = vector.getValueCount();
            absent = false;
            width = indexWidth;
            int bitBytes = (n + 7) >> 3;
            if (vector.getNullCount() == 0) {
                validity = null;
            } else {
                validityBuffer = validityBuffer.length >= bitBytes ? validityBuffer : new byte[Math.max(bitBytes, validityBuffer.length * 2)];
                vector.getValidityBuffer().getBytes(0, validityBuffer, 0, bitBytes);
                validity = validityBuffer;
            }
            if (indexWidth > 0) {
                int bytes = n * indexWidth;
                indices = indices.length >= bytes ? indices : new byte[Math.max(bytes, indices.length * 2)];
                ArrowBuf data = vector.getDataBuffer();
                data.getBytes(0, indices, 0, bytes); // validate() checked the buffer holds n values
            }
        }

        private boolean validAt(int row) {
            return validity == null || (validity[row >> 3] & (1 << (row & 7))) != 0;
        }

        private static String[] capacity(String[] a, int n) {
            return a.length >= n ? a : new String[Math.max(n, a.length * 2)];
        }
    }

    /** The width of a dictionary column's indices: 2 (int16), 1 (int8, format 4's thread and time base columns) or 0 (neither). */
    private static int indexWidth(FieldVector vector) {
        return vector instanceof SmallIntVector ? 2 : vector instanceof TinyIntVector ? 1 : 0;
    }

    private static Dictionary dictionaryOf(FieldVector vector, Map<Long, Dictionary> dictionaries) {
        DictionaryEncoding encoding = vector == null ? null : vector.getField().getDictionary();
        return encoding == null ? null : dictionaries.get(encoding.getId());
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
