package dev.sluice.model;

import java.util.Arrays;

/**
 * The time of every event in stream order, made non-decreasing (events from different threads can
 * be stamped a few microseconds out of order), so "the event at time t" is a binary search.
 * Append-only like {@link AppendLog}; {@link #freeze()} gives an immutable view.
 */
final class TimeIndex {

    private long[] times = new long[1024];
    private int size;
    private long max;

    void add(long time) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
        }
        max = Math.max(max, time);
        times[size++] = max;
    }

    int size() {
        return size;
    }

    long last() {
        return max;
    }

    Frozen freeze() {
        return new Frozen(times, size);
    }

    /** An immutable view of the first {@code size} times. */
    static final class Frozen {
        private final long[] times;
        private final int size;

        Frozen(long[] times, int size) {
            this.times = times;
            this.size = size;
        }

        int size() {
            return size;
        }

        long timeAt(int index) {
            return times[index];
        }

        /** Index of the last event at or before {@code nanos}; -1 if none. */
        int lastAtOrBefore(long nanos) {
            int lo = 0;
            int hi = size - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] <= nanos) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }
    }
}
