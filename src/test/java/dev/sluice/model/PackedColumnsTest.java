package dev.sluice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The packed columns give back exactly what went in, and a frozen view never changes as the writer goes on. */
class PackedColumnsTest {

    /** A record with every kind of field a codec maps: numbers, a repeating number, a dictionary string, a text id. */
    record Row(long time, long initial, String thread, String id) { }

    static final class RowCodec implements PackedLog.Codec<Row> {
        @Override
        public int longs() {
            return 2;
        }

        @Override
        public int strings() {
            return 2;
        }

        @Override
        public boolean unique(int field) {
            return field == 1;
        }

        @Override
        public boolean repeats(int field) {
            return field == 1;
        }

        @Override
        public void encode(Row r, long[] longs, String[] strings) {
            longs[0] = r.time();
            longs[1] = r.initial();
            strings[0] = r.thread();
            strings[1] = r.id();
        }

        @Override
        public Row decode(long[] longs, String[] strings) {
            return new Row(longs[0], longs[1], strings[0], strings[1]);
        }
    }

    @Test
    void longColumnKeepsEveryWidthAcrossBlocks() {
        keepsEveryWidth(new LongColumn());
        keepsEveryWidth(new LongColumn(5));
    }

    private static void keepsEveryWidth(LongColumn column) {
        SplittableRandom random = new SplittableRandom(7);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 3 * LongColumn.BLOCK + 17; i++) {
            // small steps, then a value that needs 2, 4 and 8 bytes from the block's first value
            long v = switch (i % 1000) {
                case 500 -> 40_000L;
                case 700 -> 3_000_000_000L;
                case 900 -> Long.MIN_VALUE + 5;
                default -> i * 3L + random.nextInt(100) - 50;
            };
            column.add(v);
            expected.add(v);
        }
        LongColumn.Frozen frozen = column.freeze();
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), frozen.get(i), "value " + i);
            assertEquals(expected.get(i), column.get(i), "value " + i + " read by the writer");
        }
        assertThrows(IndexOutOfBoundsException.class, () -> frozen.get(expected.size()));
    }

    @Test
    void aBlockAfterAWideOneIsSealedAtTheWidthItsOwnValuesNeed() {
        LongColumn column = new LongColumn(5);
        int block = 1 << 5;
        for (int i = 0; i < 3 * block; i++) {
            // block 0 holds one value 2^40 past its first (8 bytes); blocks 1 and 2 step by one (1 byte)
            column.add(i == 3 ? 1L << 40 : i);
        }
        assertEquals((8 + 8L * block) + 2 * (8L + block), column.sealedBytes());
        for (int i = 0; i < 3 * block; i++) {
            assertEquals(i == 3 ? 1L << 40 : i, column.freeze().get(i), "value " + i);
        }
    }

    @Test
    void frozenViewIgnoresLaterWritesEvenWhenTheBlockWidens() {
        LongColumn column = new LongColumn();
        for (int i = 0; i < 10; i++) {
            column.add(i);
        }
        LongColumn.Frozen before = column.freeze();
        column.add(Long.MAX_VALUE); // widens the block being written to 8 bytes
        assertEquals(10, before.size());
        assertEquals(9, before.get(9));
        assertEquals(Long.MAX_VALUE, column.freeze().get(10));
    }

    @Test
    void frozenViewOfAPartBlockReadsTheSameOnceTheBlockIsSealedOffHeap() {
        LongColumn column = new LongColumn(5);
        for (int i = 0; i < 31; i++) {
            column.add(1_000L * i);
        }
        LongColumn.Frozen before = column.freeze();
        for (int i = 31; i < 100; i++) {
            column.add(1_000L * i);
        }
        LongColumn.Frozen after = column.freeze();
        for (int i = 0; i < 31; i++) {
            assertEquals(1_000L * i, before.get(i), "value " + i + " frozen before its block was sealed");
        }
        assertEquals(99_000L, after.get(99));
        assertEquals(31_000L, after.get(31));
    }

    @Test
    void textColumnKeepsValuesAcrossChunksAndLargerThanOne() {
        TextColumn column = new TextColumn();
        List<String> expected = new ArrayList<>();
        String large = "x".repeat(3 << 20);
        for (int i = 0; i < 200_000; i++) {
            String v = i == 1000 ? large : i % 9 == 0 ? null : "id-\u00e9-" + i;
            column.add(v);
            expected.add(v);
        }
        TextColumn.Frozen frozen = column.freeze();
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), frozen.get(i), "value " + i);
        }
    }

    @Test
    void packedLogRoundTripsRecordsWithNulls() {
        PackedLog<Row> log = new PackedLog<>(new RowCodec());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Row r = new Row(i * 1_000L, i % 3 == 0 ? 0 : 65_535, i % 7 == 0 ? null : "thread-" + i % 5,
                    i % 11 == 0 ? null : "req-" + i);
            log.add(r);
            rows.add(r);
        }
        List<Row> frozen = log.freeze();
        assertEquals(rows, frozen);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i), log.get(i), "record " + i + " read by the writer");
        }
        log.add(new Row(1, 2, "t", "x"));
        assertEquals(rows.size(), frozen.size());
    }

    @Test
    void packedEntitiesKeepNewestVersionsInTheirOrderThroughCompaction() {
        PackedEntities<Row> entities = new PackedEntities<>(new RowCodec(), 1);
        Entities<Row> reference = new Entities<>();
        for (int i = 0; i < 5_000; i++) {
            Row r = new Row(i, 1, "t", "req-" + i);
            entities.put(r.id(), r);
            reference.put(r.id(), r);
            if (i % 3 != 0) {
                Row again = new Row(i, 2, "u", r.id());
                entities.update(r.id(), old -> again);
                reference.update(r.id(), old -> again);
            }
            if (i % 2 == 0 && i > 10) {
                assertEquals(reference.remove("req-" + (i - 10)), entities.remove("req-" + (i - 10)));
            }
        }
        assertEquals(List.copyOf(reference.freeze()), List.copyOf(entities.freeze()));
        assertEquals(new Row(4999, 2, "u", "req-4999"), entities.get("req-4999"));
        assertNull(entities.get("req-20"));
    }
}
