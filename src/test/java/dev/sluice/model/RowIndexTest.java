package dev.sluice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The id → row index of the packed entities finds what a HashMap would, through growth, removals and collisions. */
class RowIndexTest {

    @Test
    void findsWhatAHashMapFindsThroughInsertsRemovalsAndRenumbering() {
        List<String> idOfRow = new ArrayList<>();
        RowIndex index = new RowIndex((row, id) -> idOfRow.get(row).equals(id));
        Map<String, Integer> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int step = 0; step < 200_000; step++) {
            // few distinct ids, so the same one comes back after it was removed; "Aa" and "BB" share a hash code
            String id = random.nextInt(8) == 0 ? (random.nextBoolean() ? "Aa" : "BB") + random.nextInt(50)
                    : "req-" + random.nextInt(20_000);
            int slot = index.find(id);
            assertEquals(reference.containsKey(id), slot >= 0, id);
            if (slot >= 0) {
                assertEquals(reference.get(id), index.rowAt(slot), id);
            }
            int action = random.nextInt(3);
            if (action == 0 && slot >= 0) {
                index.removeAt(slot);
                reference.remove(id);
            } else {
                idOfRow.add(id);
                int row = idOfRow.size() - 1;
                if (slot >= 0) {
                    index.setRow(slot, row);
                } else {
                    index.insert(slot, id, row);
                }
                reference.put(id, row);
            }
            assertEquals(reference.size(), index.size());
        }
        // renumbered as a compaction does: every id keeps its slot and finds its new row
        int[] newRow = new int[idOfRow.size()];
        List<String> compacted = new ArrayList<>();
        for (int row = 0; row < idOfRow.size(); row++) {
            if (reference.containsValue(row)) {
                newRow[row] = compacted.size();
                compacted.add(idOfRow.get(row));
            }
        }
        index.renumber(newRow);
        idOfRow.clear();
        idOfRow.addAll(compacted);
        for (Map.Entry<String, Integer> e : reference.entrySet()) {
            assertEquals(newRow[e.getValue()], index.rowAt(index.find(e.getKey())), e.getKey());
        }
    }

    @Test
    void shrinksWhenMostIdsAreGoneAndStillFindsTheRest() {
        List<String> idOfRow = new ArrayList<>();
        RowIndex index = new RowIndex((row, id) -> idOfRow.get(row).equals(id));
        for (int i = 0; i < 50_000; i++) {
            idOfRow.add("req-" + i);
            index.insert(index.find("req-" + i), "req-" + i, i);
        }
        for (int i = 0; i < 50_000; i++) {
            if (i % 1000 != 0) {
                index.removeAt(index.find("req-" + i));
            }
        }
        assertEquals(50, index.size());
        assertTrue(index.capacity() <= 512, "capacity " + index.capacity() + " for 50 ids");
        for (int i = 0; i < 50_000; i++) {
            int slot = index.find("req-" + i);
            assertEquals(i % 1000 == 0, slot >= 0, "req-" + i);
            if (slot >= 0) {
                assertEquals(i, index.rowAt(slot));
            }
        }
    }

    @Test
    void textColumnComparesIdsInPlace() {
        TextColumn column = new TextColumn();
        column.add("req-1");
        column.add(null);
        column.add("bücher-7");
        column.add("");
        assertTrue(column.is(0, "req-1"));
        assertFalse(column.is(0, "req-2"));
        assertFalse(column.is(0, "req-10"));
        assertFalse(column.is(0, "req-"));
        assertTrue(column.is(1, null));
        assertFalse(column.is(1, ""));
        assertFalse(column.is(0, null));
        assertTrue(column.is(2, "bücher-7"));
        assertFalse(column.is(2, "bücher-8"));
        assertFalse(column.is(2, "bucher-7x")); // as many chars as the UTF-8 bytes, but ASCII
        assertTrue(column.is(3, ""));
    }

    @Test
    void aVersionMustNameItsOwnId() {
        PackedEntities<PackedColumnsTest.Row> entities = new PackedEntities<>(new PackedColumnsTest.RowCodec(), 1);
        PackedColumnsTest.Row row = new PackedColumnsTest.Row(1, 2, "t", "req-1");
        assertThrows(IllegalArgumentException.class, () -> entities.put("req-2", row));
        entities.put("req-1", row);
        assertEquals(row, entities.get("req-1"));
        assertThrows(IllegalArgumentException.class, () -> new PackedEntities<>(new PackedColumnsTest.RowCodec(), 2));
    }
}
