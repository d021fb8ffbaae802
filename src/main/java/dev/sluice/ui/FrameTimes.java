package dev.sluice.ui;

import java.util.Arrays;

/** A ring of the last pulse-to-pulse intervals (FX thread only), for frame-time percentiles. */
public final class FrameTimes {

    private final long[] ring = new long[1024];
    private long count;

    void add(long nanos) {
        ring[(int) (count++ % ring.length)] = nanos;
    }

    public long count() {
        return count;
    }

    /** The {@code p}-th percentile (0..100) of the recorded intervals in nanos; 0 when none. */
    public long percentile(double p) {
        int n = (int) Math.min(count, ring.length);
        if (n == 0) {
            return 0;
        }
        long[] copy = Arrays.copyOf(ring, n);
        Arrays.sort(copy);
        return copy[(int) Math.min(n - 1, Math.round(p / 100.0 * (n - 1)))];
    }

    public void clear() {
        count = 0;
    }
}
