package dev.sluice.pipeline;

import dev.sluice.event.Event;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.RandomAccess;

/**
 * The dispatcher's batch, handed to every sink as a {@code List<Event>}: an array the dispatcher
 * fills in runs straight from the rings' slots (one copy per run, no per-event bounds or size
 * bookkeeping), reused from batch to batch.
 */
final class EventBatch extends AbstractList<Event> implements RandomAccess {

    private static final Comparator<Object> BY_TIME = Comparator.comparingLong(e -> ((Event) e).timeNanos());

    private Object[] items;
    private int size;

    EventBatch(int capacity) {
        items = new Object[capacity];
    }

    @Override
    public Event get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException("batch index " + index + " out of 0.." + (size - 1));
        }
        return (Event) items[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean add(Event event) {
        room(1);
        items[size++] = event;
        return true;
    }

    /** Appends the {@code n} ring slots from index {@code from} (masked by {@code mask}: they may wrap). */
    void addSlots(Object[] slots, long from, int n, int mask) {
        room(n);
        int start = (int) from & mask;
        int first = Math.min(n, slots.length - start);
        System.arraycopy(slots, start, items, size, first);
        System.arraycopy(slots, 0, items, size + first, n - first);
        size += n;
    }

    /** Stable sort by event time (a thread's own events keep their order). */
    void sortByTime() {
        Arrays.sort(items, 0, size, BY_TIME);
    }

    @Override
    public void clear() {
        Arrays.fill(items, 0, size, null); // the sinks are done with them: let them be collected
        size = 0;
    }

    private void room(int n) {
        if (size + n > items.length) {
            items = Arrays.copyOf(items, Math.max(size + n, items.length * 2));
        }
    }
}
