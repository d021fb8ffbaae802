package dev.sluice.event;

/** The monotonic clock of one run: nanoseconds since the run's origin ({@link System#nanoTime()}). */
public final class RunClock {

    private final long originNanos = System.nanoTime();

    /** Nanoseconds since the run started. */
    public long now() {
        return System.nanoTime() - originNanos;
    }
}
