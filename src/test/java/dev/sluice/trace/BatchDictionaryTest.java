package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/** The writer's integer dictionary: a value's index is its first occurrence in the batch, across table growth and batches. */
class BatchDictionaryTest {

    @Test
    void repeatedValuesKeepTheirFirstIndexWhileTheTableGrowsAndEachBatchStartsAfresh() {
        DictionaryEncoding encoding = new DictionaryEncoding(1, false, new ArrowType.Int(16, true));
        try (BufferAllocator allocator = new RootAllocator();
             SmallIntVector indices = new SmallIntVector(
                     new Field("n", new FieldType(true, new ArrowType.Int(16, true), encoding), null), allocator)) {
            indices.allocateNew(TraceSchema.MAX_BATCH_ROWS);
            BatchDictionary.Numbers d = new BatchDictionary.Numbers(indices, allocator, encoding);
            try {
                for (int batch = 0; batch < 2; batch++) {
                    // 3,000 distinct values (the table grows past its 256 first slots several times), each
                    // given twice, the second time after all others, so a repeat is found in the table and not as
                    // the last value; the second batch uses other values in another order
                    int distinct = 3_000;
                    long offset = batch * 1_000_003L;
                    for (int row = 0; row < 2 * distinct; row++) {
                        d.set(row, value(row % distinct, batch) + offset);
                    }
                    d.seal(2 * distinct);
                    BigIntVector values = (BigIntVector) d.dictionary.getVector();
                    assertEquals(distinct, values.getValueCount());
                    for (int row = 0; row < 2 * distinct; row++) {
                        int index = indices.get(row);
                        assertEquals(row % distinct, index, "row " + row + " of batch " + batch);
                        assertEquals(value(row % distinct, batch) + offset, values.get(index));
                    }
                    d.reset(2 * distinct);
                }
            } finally {
                d.dictionary.getVector().close();
            }
        }
    }

    /** Distinct for distinct {@code i}, negative and far apart ones among them. */
    private static long value(int i, int batch) {
        long v = (long) i * 0x9E3779B97L;
        return batch == 0 ? v : -v;
    }
}
