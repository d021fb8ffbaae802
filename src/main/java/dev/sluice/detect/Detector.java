package dev.sluice.detect;

import dev.sluice.event.Event;

/**
 * A rule over the event stream. A detector is a pure, deterministic function of the events it is
 * given, in order: it keeps its own state but reads no clock, does no I/O and looks at no engine
 * object, so the same trace always yields the same findings, live or replayed. Time advances only
 * through event timestamps (the pipeline's heartbeat keeps it moving when engines are silent).
 * Detectors run on the pipeline's single dispatcher thread and need no locks.
 */
public interface Detector {

    /** Sees the next event. */
    void onEvent(Event event, FindingSink findings);

    /** The stream ended at {@code endNanos} (run ended, or the trace ran out). */
    default void onEnd(long endNanos, FindingSink findings) {
    }
}
