package dev.sluice.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.UnaryOperator;

/**
 * {@link Entities} for things that can pile up by the hundred thousand (requests in flight, open
 * commit attempts): the versions live in a {@link PackedLog} instead of one object each, a bit marks
 * each superseded one, and the log is rewritten with the live versions once dead ones outnumber them.
 * Each version holds its own id in string field {@code idField}, and the index from id to row is a {@link RowIndex}
 * over those: no String, node or boxed row per id on the heap. Single writer; a frozen view costs a copy of the bits
 * (n/64 words).
 */
public final class PackedEntities<T> {

    private final PackedLog.Codec<T> codec;
    private final int idField;
    private PackedLog<T> versions;
    private long[] dead = new long[1];
    private int live;
    private final RowIndex rowById;
    private final long[] scratchLongs;
    private final String[] scratchStrings;
    private List<T> frozen;

    /** Entities whose versions {@code codec} packs, each naming its own id in string field {@code idField}. */
    public PackedEntities(PackedLog.Codec<T> codec, int idField) {
        if (idField < 0 || idField >= codec.strings()) {
            throw new IllegalArgumentException("id field " + idField + " is not one of the codec's " + codec.strings()
                    + " string fields");
        }
        this.codec = codec;
        this.idField = idField;
        this.versions = new PackedLog<>(codec);
        this.rowById = new RowIndex((row, id) -> versions.stringIs(idField, row, id));
        this.scratchLongs = new long[codec.longs()];
        this.scratchStrings = new String[codec.strings()];
        this.frozen = new Frozen<>(versions.freeze(), new long[1], 0);
    }

    public T get(String id) {
        int slot = rowById.find(id);
        return slot < 0 ? null : read(rowById.rowAt(slot));
    }

    public void put(String id, T value) {
        int slot = rowById.find(id);
        int row = append(id, value);
        if (slot >= 0) {
            kill(rowById.rowAt(slot));
            rowById.setRow(slot, row);
        } else {
            rowById.insert(slot, id, row);
        }
        written();
    }

    public void update(String id, UnaryOperator<T> change) {
        int slot = rowById.find(id);
        if (slot < 0) {
            return;
        }
        int old = rowById.rowAt(slot);
        int row = append(id, change.apply(read(old)));
        kill(old);
        rowById.setRow(slot, row);
        written();
    }

    public T remove(String id) {
        int slot = rowById.find(id);
        if (slot < 0) {
            return null;
        }
        int row = rowById.rowAt(slot);
        T old = read(row);
        kill(row);
        rowById.removeAt(slot);
        frozen = null;
        return old;
    }

    public List<T> freeze() {
        if (frozen == null) {
            frozen = new Frozen<>(versions.freeze(), Arrays.copyOf(dead, (versions.size() >> 6) + 1), live);
        }
        return frozen;
    }

    /** Appends {@code value} as a new version and returns its row; its id field must be {@code id}. */
    private int append(String id, T value) {
        codec.encode(value, scratchLongs, scratchStrings);
        String named = scratchStrings[idField];
        if (!id.equals(named)) {
            Arrays.fill(scratchStrings, null);
            throw new IllegalArgumentException("a version put as " + id + " names itself " + named);
        }
        int row = versions.size();
        if ((row >> 6) >= dead.length) {
            dead = Arrays.copyOf(dead, dead.length * 2);
        }
        versions.addEncoded(scratchLongs, scratchStrings);
        Arrays.fill(scratchStrings, null);
        live++;
        return row;
    }

    private void written() {
        frozen = null;
        if (versions.size() - live > live + 1024) {
            compact();
        }
    }

    private T read(int row) {
        return versions.get(row);
    }

    private void kill(int row) {
        dead[row >> 6] |= 1L << row;
        live--;
    }

    /** Rewrites the log with live versions only; frozen views keep the old columns. */
    private void compact() {
        PackedLog<T> old = versions;
        PackedLog<T> fresh = new PackedLog<>(codec);
        int[] newRow = new int[old.size()];
        for (int i = 0; i < old.size(); i++) {
            if ((dead[i >> 6] & (1L << i)) == 0) {
                newRow[i] = fresh.size();
                fresh.add(old.get(i));
            }
        }
        rowById.renumber(newRow);
        versions = fresh;
        dead = new long[Math.max(1, (fresh.size() >> 6) + 1)];
        live = fresh.size();
    }

    /** The live versions at freeze time, in row order; the live rows are found on first read. */
    private static final class Frozen<T> extends AbstractList<T> implements RandomAccess {
        private final PackedLog.Frozen<T> versions;
        private final long[] dead;
        private final int live;
        private volatile int[] rows;

        Frozen(PackedLog.Frozen<T> versions, long[] dead, int live) {
            this.versions = versions;
            this.dead = dead;
            this.live = live;
        }

        private int[] rows() {
            int[] r = rows;
            if (r == null) {
                r = new int[live];
                int n = 0;
                for (int i = 0; i < versions.size(); i++) {
                    if ((dead[i >> 6] & (1L << i)) == 0) {
                        r[n++] = i;
                    }
                }
                rows = r;
            }
            return r;
        }

        @Override
        public T get(int index) {
            return versions.get(rows()[index]);
        }

        @Override
        public int size() {
            return live;
        }
    }
}
