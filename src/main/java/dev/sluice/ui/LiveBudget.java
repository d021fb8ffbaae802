package dev.sluice.ui;

import java.util.function.LongSupplier;

/**
 * Holds a live run's growth back to {@link CanvasPane#LIVE_INTERVAL_NANOS} for what is not a canvas
 * (a table's rows, a label's text): a live snapshot arrives every pulse, and each change of a
 * table's items makes JavaFX update and restyle every visible row. A seek, a paused or replayed run
 * and the run's last snapshot are not growth and pass at once. UI thread only.
 */
public final class LiveBudget {

    private final LongSupplier clock;
    private long last = Long.MIN_VALUE;

    /** {@code clock}: the port's display clock in nanos. */
    public LiveBudget(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Whether the change from {@code previous} to {@code now} is to be held back: a live run's growth
     * within the interval since the last change shown ({@link #shown()}). A held-back change is shown
     * with a later frame (a live run publishes one at least with every heartbeat, and its last one is
     * never held back).
     */
    public boolean holds(Frame now, Frame previous) {
        return isGrowth(now, previous) && last != Long.MIN_VALUE
                && clock.getAsLong() - last < CanvasPane.LIVE_INTERVAL_NANOS;
    }

    /** A change was shown: the interval starts over. */
    public void shown() {
        last = clock.getAsLong();
    }

    /** A live run's model grew: what shows it may wait a little (a cursor moved over the same model may not). */
    @SuppressWarnings("ReferenceEquality") // a new snapshot is a new object; equals would compare whole models
    public static boolean isGrowth(Frame now, Frame previous) {
        return now.live() && previous.live() && now.model() != previous.model();
    }
}
