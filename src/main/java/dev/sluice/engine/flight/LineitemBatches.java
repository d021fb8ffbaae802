package dev.sluice.engine.flight;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A TPC-H lineitem-like schema (ints, decimals, short and long strings) and a generator of record
 * batches of about a requested size, the realistic shape of a shuffle partition.
 */
public final class LineitemBatches {

    /** Rough encoded size of one row (fixed columns, offsets and average string bytes). */
    static final int BYTES_PER_ROW = 8 + 8 + 4 + 4 + 4 * 16 + 2 + 7 + 27 + 5 * 4 + 4;

    private static final String[] SHIP_MODES = {"AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB", "REG AIR"};
    private static final String[] COMMENTS = {"carefully final deposits sleep", "quickly ironic packages boost",
            "furiously even accounts haggle", "slyly regular requests nag"};

    public static final Schema SCHEMA = new Schema(List.of(
            Field.nullable("l_orderkey", new ArrowType.Int(64, true)),
            Field.nullable("l_partkey", new ArrowType.Int(64, true)),
            Field.nullable("l_suppkey", new ArrowType.Int(32, true)),
            Field.nullable("l_linenumber", new ArrowType.Int(32, true)),
            decimal("l_quantity"),
            decimal("l_extendedprice"),
            decimal("l_discount"),
            decimal("l_tax"),
            Field.nullable("l_returnflag", ArrowType.Utf8.INSTANCE),
            Field.nullable("l_shipmode", ArrowType.Utf8.INSTANCE),
            Field.nullable("l_comment", ArrowType.Utf8.INSTANCE)));

    private LineitemBatches() {
    }

    private static Field decimal(String name) {
        return new Field(name, FieldType.nullable(new ArrowType.Decimal(15, 2, 128)), null);
    }

    /** Rows in one batch of about {@code batchBytes}. */
    public static int rowsFor(long batchBytes) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, batchBytes / BYTES_PER_ROW));
    }

    /** Fills a new root of {@code rows} rows; {@code seed} varies the keys. The caller closes it. */
    public static VectorSchemaRoot generate(BufferAllocator allocator, int rows, long seed) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        try {
            root.allocateNew();
            BigIntVector orderKey = (BigIntVector) root.getVector(0);
            BigIntVector partKey = (BigIntVector) root.getVector(1);
            IntVector suppKey = (IntVector) root.getVector(2);
            IntVector lineNumber = (IntVector) root.getVector(3);
            DecimalVector[] decimals = {(DecimalVector) root.getVector(4), (DecimalVector) root.getVector(5),
                    (DecimalVector) root.getVector(6), (DecimalVector) root.getVector(7)};
            VarCharVector flag = (VarCharVector) root.getVector(8);
            VarCharVector mode = (VarCharVector) root.getVector(9);
            VarCharVector comment = (VarCharVector) root.getVector(10);
            byte[][] modes = bytes(SHIP_MODES);
            byte[][] comments = bytes(COMMENTS);
            byte[][] flags = bytes(new String[]{"A", "N", "R"});
            for (int i = 0; i < rows; i++) {
                long key = seed * 1_000_000L + i;
                orderKey.setSafe(i, key);
                partKey.setSafe(i, (key * 31) % 200_000);
                suppKey.setSafe(i, (int) (key % 10_000));
                lineNumber.setSafe(i, i % 7 + 1);
                for (int d = 0; d < decimals.length; d++) {
                    decimals[d].setSafe(i, BigDecimal.valueOf((key * (d + 3)) % 100_000, 2));
                }
                flag.setSafe(i, flags[i % 3]);
                mode.setSafe(i, modes[i % modes.length]);
                comment.setSafe(i, comments[(int) (key % comments.length)]);
            }
            root.setRowCount(rows);
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private static byte[][] bytes(String[] values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }
}
