package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/**
 * A format-4 row's run time is {@code t_base + t_off}: a damaged one is reported by the column it comes from, so the
 * user is told which of the two is missing, or that their sum is negative, never a {@code t_ns} the file does not have.
 */
class TimeColumnMessagesTest {

    private static final long DICTIONARY_ID = 7;

    @Test
    void aMissingOrNegativeRunTimeNamesTheFormatFourColumnItComesFrom() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
             BigIntVector baseValues = new BigIntVector("t_base values", allocator);
             TinyIntVector base = new TinyIntVector(TraceSchema.TIME_BASE, new FieldType(true, new ArrowType.Int(8, true),
                     new DictionaryEncoding(DICTIONARY_ID, false, new ArrowType.Int(8, true))), allocator);
             IntVector offset = new IntVector(TraceSchema.TIME_OFFSET, allocator)) {
            baseValues.allocateNew(1);
            baseValues.set(0, 1_000);
            baseValues.setValueCount(1);
            base.allocateNew(4);
            offset.allocateNew(4);
            base.set(0, 0);
            offset.set(0, 5); // a whole run time: 1,005 ns
            base.set(1, 0);
            offset.set(1, -2_000); // its sum is negative
            base.setNull(2); // no base
            offset.set(2, 1);
            base.set(3, 0);
            offset.setNull(3); // no offset
            base.setValueCount(4);
            offset.setValueCount(4);
            Dictionary dictionary = new Dictionary(baseValues, new DictionaryEncoding(DICTIONARY_ID, false,
                    new ArrowType.Int(8, true)));
            try (VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(base, offset))) {
                root.setRowCount(4);
                BatchColumns.Column time = new BatchColumns.Column(TraceSchema.TIME);
                time.times(root, Map.of(DICTIONARY_ID, dictionary));

                assertEquals(1_005, time.longs[time.number(0)]);
                assertEquals("t_base + t_off", time.timeColumn(0, false));
                assertEquals(-1_000, time.longs[time.number(1)], "the sum is kept, to be reported");
                assertEquals("t_base + t_off", time.timeColumn(1, false), "a negative sum names both columns");
                assertTrue(time.number(2) < 0, "a row without a base has no run time");
                assertEquals("t_base", time.timeColumn(2, true));
                assertTrue(time.number(3) < 0, "a row without an offset has no run time");
                assertEquals("t_off", time.timeColumn(3, true));
            }
        }
    }
}
