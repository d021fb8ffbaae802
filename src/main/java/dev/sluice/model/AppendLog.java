package dev.sluice.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An append-only list written by one thread; {@link #freeze()} hands out an immutable view of the
 * first {@code size} items. Later appends only write past that size (or into a new array when it
 * grows), so a frozen view never changes and can be read by any thread once safely published.
 */
public final class AppendLog<T> {

    private Object[] items = new Object[64];
    private int size;

    public void add(T item) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = item;
    }

    public int size() {
        return size;
    }

    /** Item {@code index} (the writer's thread). */
    @SuppressWarnings("unchecked")
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return (T) items[index];
    }

    public List<T> freeze() {
        return new Frozen<>(items, size);
    }

    /** The immutable view; {@code items} is shared with the log but only read below {@code size}. */
    private static final class Frozen<T> extends AbstractList<T> implements RandomAccess {
        private final Object[] items;
        private final int size;

        Frozen(Object[] items, int size) {
            this.items = items;
            this.size = size;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return (T) items[index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
