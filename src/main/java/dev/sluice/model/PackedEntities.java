package dev.sluice.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.UnaryOperator;

/**
 * {@link Entities} for things that can pile up by the hundred thousand (requests in flight, open
 * commit attempts): the versions live in a {@link PackedLog} instead of one object each, a bit marks
 * each superseded one, and the log is rewritten with the live versions once dead ones outnumber them.
 * Single writer; a frozen view costs a copy of the bits (n/64 words).
 */
public final class PackedEntities<T> {

    private final PackedLog.Codec<T> codec;
    private PackedLog<T> versions;
    private long[] dead = new long[1];
    private int live;
    private final Map<String, Integer> rowById = new HashMap<>();
    private List<T> frozen;

    public PackedEntities(PackedLog.Codec<T> codec) {
        this.codec = codec;
        this.versions = new PackedLog<>(codec);
        this.frozen = new Frozen<>(versions.freeze(), new long[1], 0);
    }

    public T get(String id) {
        Integer row = rowById.get(id);
        return row == null ? null : read(row);
    }

    public void put(String id, T value) {
        Integer old = rowById.get(id);
        if (old != null) {
            kill(old);
        }
        int row = versions.size();
        if ((row >> 6) >= dead.length) {
            dead = Arrays.copyOf(dead, dead.length * 2);
        }
        versions.add(value);
        rowById.put(id, row);
        live++;
        frozen = null;
        if (versions.size() - live > live + 1024) {
            compact();
        }
    }

    public void update(String id, UnaryOperator<T> change) {
        T old = get(id);
        if (old != null) {
            put(id, change.apply(old));
        }
    }

    public T remove(String id) {
        Integer row = rowById.remove(id);
        if (row == null) {
            return null;
        }
        T old = read(row);
        kill(row);
        frozen = null;
        return old;
    }

    public List<T> freeze() {
        if (frozen == null) {
            frozen = new Frozen<>(versions.freeze(), Arrays.copyOf(dead, (versions.size() >> 6) + 1), live);
        }
        return frozen;
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
        rowById.replaceAll((id, row) -> newRow[row]);
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
