package dev.sluice.model;

/**
 * The time of every event in stream order, made non-decreasing (events from different threads can
 * be stamped a few microseconds out of order), so "the event at time t" is a binary search.
 * Append-only like {@link AppendLog}; {@link #freeze()} gives an immutable view.
 */
final class TimeIndex {

    // packed in blocks of 32: events about a microsecond apart fit 2-byte offsets (~3 bytes an event with the
    // blocks' own cost), events further apart 4 bytes; never the 8 of a long[]
    private final LongColumn times = new LongColumn(5);
    private long max;

    void add(long time) {
        max = Math.max(max, time);
        times.add(max);
    }

    int size() {
        return times.size();
    }

    long last() {
        return max;
    }

    Frozen freeze() {
        return new Frozen(times.freeze());
    }

    /** An immutable view of the first {@code size} times. */
    static final class Frozen {
        private final LongColumn.Frozen times;
        private final int size;

        Frozen(LongColumn.Frozen times) {
            this.times = times;
            this.size = times.size();
        }

        int size() {
            return size;
        }

        long timeAt(int index) {
            return times.get(index);
        }

        /** Index of the last event at or before {@code nanos}; -1 if none. */
        int lastAtOrBefore(long nanos) {
            int lo = 0;
            int hi = size - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (times.get(mid) <= nanos) {
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
