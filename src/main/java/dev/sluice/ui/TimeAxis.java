package dev.sluice.ui;

import java.util.Locale;

/**
 * Maps run nanos to x over [left, right], and back; its round ticks are what the views label.
 * Pure arithmetic, so ViewModels and their tests use it without a JavaFX toolkit
 * ({@link CanvasView#axis} draws it).
 */
public record TimeAxis(long fromNanos, long toNanos, double left, double right) {

    /**
     * The span [from, to] widened on both sides by a {@code 1/parts} of it, at least
     * {@code minPad}, and never before 0: room for a bar's first and last pixel.
     */
    public static TimeAxis padded(long from, long to, int parts, long minPad) {
        long pad = Math.max(minPad, (to - from) / parts);
        return new TimeAxis(Math.max(0, from - pad), to + pad, 0, 1);
    }

    public double x(long nanos) {
        double span = Math.max(1, toNanos - fromNanos);
        return left + (nanos - fromNanos) / span * (right - left);
    }

    public long nanos(double x) {
        double span = Math.max(1, toNanos - fromNanos);
        return fromNanos + (long) ((x - left) / Math.max(1, right - left) * span);
    }

    /** Whether {@code nanos} lies on the axis (the cursor is drawn only then). */
    public boolean contains(long nanos) {
        return nanos >= fromNanos && nanos <= toNanos;
    }

    /** Round times between from and to, about eight of them: where grid lines and labels go. */
    public long[] ticks() {
        long step = tickStep();
        long first = Math.floorDiv(fromNanos + step - 1, step) * step;
        int n = first > toNanos ? 0 : (int) ((toNanos - first) / step) + 1;
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = first + i * step;
        }
        return out;
    }

    /** The distance between two ticks. */
    public long tickStep() {
        return niceStep(Math.max(1, toNanos - fromNanos) / 8);
    }

    /** A tick's label: seconds, without trailing zeros on whole seconds. */
    public static String label(long nanos) {
        return label(nanos, 1_000_000);
    }

    /**
     * A tick's label with as many decimals as ticks {@code step} apart need to read apart (a span of
     * a few milliseconds labelled in milliseconds showed "0.130 s" twice): milliseconds at least.
     */
    public static String label(long nanos, long step) {
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + " s"; // whole seconds (0 s on an empty axis) need no decimals
        }
        int decimals = Math.max(3, Math.min(9, 9 - (int) Math.floor(Math.log10(Math.max(1, step)))));
        if (decimals == 3) {
            return TimeText.seconds(nanos).replace(".000 s", " s");
        }
        return String.format(Locale.ROOT, "%." + decimals + "f s", nanos / 1e9);
    }

    static long niceStep(long rough) {
        long step = 1_000;
        while (step < rough) {
            if (step * 2 >= rough) {
                return step * 2;
            }
            if (step * 5 >= rough) {
                return step * 5;
            }
            step *= 10;
        }
        return step;
    }
}
