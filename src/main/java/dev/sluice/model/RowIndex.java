package dev.sluice.model;

import java.util.Arrays;

/**
 * Id → row of a {@link PackedEntities}, with no object per id: an open-addressing table (linear probing, at most
 * three quarters full, shrunk when an eighth) of rows and the ids' hashes in two int arrays, ~11–21 bytes an id where
 * a {@code HashMap<String, Integer>} kept a node, a boxed row and the id's String (~100 bytes: the most of what a live
 * run kept per open commit attempt). The ids themselves are the rows' own, in the log: {@link RowKey} compares a row's
 * with a key. Single writer.
 */
final class RowIndex {

    /** Whether the id stored at {@code row} is {@code id}. */
    interface RowKey {
        boolean matches(int row, String id);
    }

    private static final int EMPTY = -1;
    private static final int MIN_CAPACITY = 16;
    private static final int GOLDEN = 0x9E37_79B9; // Fibonacci hashing: spreads ids that differ in their last digits

    private final RowKey key;
    private int[] rows;
    private int[] hashes;
    private int shift;
    private int size;

    RowIndex(RowKey key) {
        this.key = key;
        allocate(MIN_CAPACITY);
    }

    int size() {
        return size;
    }

    /** Slots in the table (a power of two). */
    int capacity() {
        return rows.length;
    }

    /** The slot holding {@code id}, or {@code -1 - slot} for the empty slot where it would go. */
    int find(String id) {
        int hash = id.hashCode();
        int mask = rows.length - 1;
        for (int i = home(hash); ; i = (i + 1) & mask) {
            int row = rows[i];
            if (row == EMPTY) {
                return -1 - i;
            }
            if (hashes[i] == hash && key.matches(row, id)) {
                return i;
            }
        }
    }

    /** The row in {@code slot} (a slot {@link #find} returned, not negative). */
    int rowAt(int slot) {
        return rows[slot];
    }

    /** Points {@code slot}, which holds {@code id}, at {@code row}. */
    void setRow(int slot, int row) {
        rows[slot] = row;
    }

    /** Puts {@code id} at {@code row} into {@code empty}, the negative slot {@link #find} just returned for it. */
    void insert(int empty, String id, int row) {
        int slot = -1 - empty;
        rows[slot] = row;
        hashes[slot] = id.hashCode();
        size++;
        if (size > rows.length - (rows.length >> 2)) {
            rehash(rows.length * 2);
        }
    }

    /** Empties {@code slot}, shifting back the ids probed past it so every id stays reachable from its home slot. */
    void removeAt(int slot) {
        int mask = rows.length - 1;
        int hole = slot;
        for (int j = (hole + 1) & mask; rows[j] != EMPTY; j = (j + 1) & mask) {
            int home = home(hashes[j]);
            // the id at j moves into the hole unless its home lies after the hole, up to j (cyclically)
            boolean staysPut = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!staysPut) {
                rows[hole] = rows[j];
                hashes[hole] = hashes[j];
                hole = j;
            }
        }
        rows[hole] = EMPTY;
        size--;
        if (rows.length > MIN_CAPACITY && size < rows.length >> 3) {
            rehash(rows.length >> 2); // a burst of requests in flight ended: its table goes with it
        }
    }

    /** Rows renumbered ({@code newRow[old]}), as when the log is rewritten with its live versions; slots stay. */
    void renumber(int[] newRow) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != EMPTY) {
                rows[i] = newRow[rows[i]];
            }
        }
    }

    private int home(int hash) {
        return (hash * GOLDEN) >>> shift;
    }

    private void allocate(int capacity) {
        rows = new int[capacity];
        Arrays.fill(rows, EMPTY);
        hashes = new int[capacity];
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
    }

    private void rehash(int capacity) {
        int[] oldRows = rows;
        int[] oldHashes = hashes;
        allocate(Math.max(MIN_CAPACITY, capacity));
        int mask = rows.length - 1;
        for (int i = 0; i < oldRows.length; i++) {
            if (oldRows[i] != EMPTY) {
                int slot = home(oldHashes[i]);
                while (rows[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                rows[slot] = oldRows[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }
}
