package dev.sluice.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;

/**
 * The writer's staging area for one fixed-width column of a batch: its values and validity bits in
 * Java arrays, copied into the Arrow vector once per batch. Arrow's own setters check bounds,
 * capacity and the buffer's reference count on every value, which cost more than the rest of
 * recording a row. A column the schema declares not null keeps no validity bits per row: every row
 * of its batch is set, so its bitmap is written whole at the end.
 */
final class ColumnBuffer {

    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Validity bytes of a batch whose every row is set. */
    private static final byte[] ALL_VALID = all((TraceSchema.MAX_BATCH_ROWS + 7) >> 3);

    private final BaseFixedWidthVector vector;
    private final int width;
    private final byte[] values;
    private final byte[] validity;
    /** Whether a row may stay null (the column's field is nullable): then each set marks its row valid. */
    private final boolean nullable;

    ColumnBuffer(BaseFixedWidthVector vector, int capacity) {
        this.vector = vector;
        this.nullable = vector.getField().isNullable();
        this.width = vector.getTypeWidth();
        if (width != 1 && width != 2 && width != 4 && width != 8) {
            throw new IllegalArgumentException("column " + vector.getName() + " is " + width + " bytes wide (1, 2, 4 or 8 accepted)");
        }
        this.values = new byte[capacity * width];
        this.validity = new byte[(capacity + 7) >> 3];
    }

    private static byte[] all(int bytes) {
        byte[] b = new byte[bytes];
        Arrays.fill(b, (byte) 0xFF);
        return b;
    }

    /** Sets {@code row} to {@code value} (an index or a number that fits the column's width). */
    void set(int row, long value) {
        switch (width) {
            case 1 -> values[row] = (byte) value;
            case 2 -> SHORTS.set(values, row << 1, (short) value);
            case 4 -> INTS.set(values, row << 2, (int) value);
            default -> LONGS.set(values, row << 3, value);
        }
        if (nullable) {
            validity[row >> 3] |= (byte) (1 << (row & 7));
        }
    }

    /**
     * Copies the batch's {@code count} rows into the vector (rows never set are null; in a not-null
     * column the writer sets every row).
     */
    void flush(int count) {
        while (vector.getValueCapacity() < count) {
            vector.reAlloc();
        }
        vector.getDataBuffer().setBytes(0, values, 0, (long) count * width);
        if (nullable) {
            vector.getValidityBuffer().setBytes(0, validity, 0, (count + 7) >> 3);
        } else {
            setAllValid(vector.getValidityBuffer(), count);
        }
        vector.setValueCount(count);
    }

    /** Marks the first {@code count} values of {@code validity} set, in bulk (the bits after them clear). */
    static void setAllValid(ArrowBuf validity, int count) {
        int whole = count >> 3;
        validity.setBytes(0, ALL_VALID, 0, whole);
        if ((count & 7) != 0) {
            validity.setByte(whole, (1 << (count & 7)) - 1);
        }
    }

    /**
     * Starts the next batch after one of {@code count} rows: every row null again. A null row's value
     * bytes are zero in the file, so a nullable column's staged values are zeroed too.
     */
    void clear(int count) {
        if (nullable) {
            Arrays.fill(values, 0, count * width, (byte) 0);
            Arrays.fill(validity, 0, (count + 7) >> 3, (byte) 0);
        }
    }
}
