package dev.sluice.event;

import java.time.Instant;

/**
 * The clock of one run: a monotonic origin ({@link System#nanoTime()}) and the wall-clock instant
 * it corresponds to, so traces can show both elapsed time and local time.
 */
public final class RunClock {
    private final long originNanos;
    private final Instant wallAnchor;

    public RunClock() {
        this(System.nanoTime(), Instant.now());
    }

    public RunClock(long originNanos, Instant wallAnchor) {
        this.originNanos = originNanos;
        this.wallAnchor = wallAnchor;
    }

    /** Nanoseconds since the run started. */
    public long now() {
        return System.nanoTime() - originNanos;
    }

    public long originNanos() {
        return originNanos;
    }

    public Instant wallAnchor() {
        return wallAnchor;
    }

    /** The wall-clock instant of a run-relative time. */
    public Instant wallTimeOf(long runNanos) {
        return wallAnchor.plusNanos(runNanos);
    }
}
