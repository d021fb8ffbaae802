package dev.sluice.ui;

import java.util.Locale;

/** Short texts for run times, sizes and rates. */
public final class TimeText {

    private TimeText() {
    }

    /** Run nanos as seconds with millisecond precision: {@code 12.345 s}. */
    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /** A duration in the most readable unit. */
    public static String duration(long nanos) {
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / 1073741824.0);
    }

    public static String count(double n) {
        if (n < 10_000) {
            return String.format(Locale.ROOT, "%,.0f", n);
        }
        if (n < 10_000_000) {
            return String.format(Locale.ROOT, "%.1f k", n / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f M", n / 1e6);
    }
}
