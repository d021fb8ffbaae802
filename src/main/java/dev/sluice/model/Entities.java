package dev.sluice.model;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.UnaryOperator;

/**
 * Things keyed by id whose state changes (clients, threads, requests in flight, open attempts),
 * written by one thread and frozen every pulse. Versions are appended, never overwritten, and a
 * bit marks each superseded one, so freezing costs a copy of the bits (n/64 words), not of the
 * entries — even when a hung run piles up hundreds of thousands of open requests. The log is
 * compacted when dead versions outnumber live ones.
 */
public final class Entities<T> {

    private Object[] versions = new Object[64];
    private long[] dead = new long[1];
    private int size;
    private int live;
    private final Map<String, Integer> indexById = new HashMap<>();
    private Frozen<T> frozen = new Frozen<>(new Object[0], new long[0], 0, 0);
    private boolean dirty;

    @SuppressWarnings("unchecked")
    public T get(String id) {
        Integer i = indexById.get(id);
        return i == null ? null : (T) versions[i];
    }

    public void put(String id, T value) {
        Integer old = indexById.get(id);
        if (old != null) {
            kill(old);
        }
        if (size == versions.length) {
            versions = Arrays.copyOf(versions, size * 2);
        }
        if ((size >> 6) >= dead.length) {
            dead = Arrays.copyOf(dead, dead.length * 2);
        }
        versions[size] = value;
        indexById.put(id, size);
        size++;
        live++;
        dirty = true;
        if (size - live > live + 1024) {
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
        Integer i = indexById.remove(id);
        if (i == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        T old = (T) versions[i];
        kill(i);
        dirty = true;
        return old;
    }

    private void kill(int index) {
        dead[index >> 6] |= 1L << index;
        live--;
    }

    /** Rewrites the log with live versions only; frozen views keep the old arrays. */
    private void compact() {
        Object[] fresh = new Object[Math.max(64, live * 2)];
        Map<Integer, String> idByIndex = new HashMap<>();
        indexById.forEach((id, i) -> idByIndex.put(i, id));
        int n = 0;
        for (int i = 0; i < size; i++) {
            if ((dead[i >> 6] & (1L << i)) == 0) {
                fresh[n] = versions[i];
                indexById.put(idByIndex.get(i), n);
                n++;
            }
        }
        versions = fresh;
        dead = new long[Math.max(1, (fresh.length >> 6) + 1)];
        size = n;
        live = n;
    }

    public List<T> freeze() {
        if (dirty) {
            frozen = new Frozen<>(versions, Arrays.copyOf(dead, (size >> 6) + 1), size, live);
            dirty = false;
        }
        return frozen;
    }

    /** The live versions at freeze time, in first-put order of their versions; materialised on first read. */
    private static final class Frozen<T> extends AbstractList<T> implements RandomAccess {
        private final Object[] versions;
        private final long[] dead;
        private final int size;
        private final int live;
        private volatile List<T> items;

        Frozen(Object[] versions, long[] dead, int size, int live) {
            this.versions = versions;
            this.dead = dead;
            this.size = size;
            this.live = live;
        }

        @SuppressWarnings("unchecked")
        private List<T> items() {
            List<T> list = items;
            if (list == null) {
                List<T> out = new ArrayList<>(live);
                for (int i = 0; i < size; i++) {
                    if ((dead[i >> 6] & (1L << i)) == 0) {
                        out.add((T) versions[i]);
                    }
                }
                list = List.copyOf(out);
                items = list;
            }
            return list;
        }

        @Override
        public T get(int index) {
            return items().get(index);
        }

        @Override
        public int size() {
            return live;
        }
    }
}
