package dev.sluice.detect;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;

/**
 * A rule over the event stream. A detector is a pure, deterministic function of the events it is
 * given, in order: it keeps its own state but reads no clock, does no I/O and looks at no engine
 * object, so the same trace always yields the same findings, live or replayed. Time advances only
 * through event timestamps (the pipeline's heartbeat keeps it moving when engines are silent).
 * Detectors run on the pipeline's single dispatcher thread and need no locks.
 */
public interface Detector {

    /** The run the stream belongs to (its settings), before the first event; not called for bare streams. */
    default void onRun(RunInfo run) {
    }

    /**
     * Which events {@link #onEvent} reads; the suite passes it no other. The default is every event;
     * a rule that only pattern-matches some kinds declares them, so the others cost it nothing.
     */
    default Consumes consumes() {
        return Consumes.all();
    }

    /** Sees the next event (of a kind it {@link #consumes()}). */
    void onEvent(Event event, FindingSink findings);

    /** The stream ended at {@code endNanos} (run ended, or the trace ran out). */
    default void onEnd(long endNanos, FindingSink findings) {
    }

    /**
     * The stream ended at {@code endNanos}, and {@code how}. On a cut trace the suite marks every
     * finding first reported here as unconfirmed; a detector overrides this to doubt more (e.g. a
     * verify that had not completed).
     */
    default void onEnd(long endNanos, StreamEnd how, FindingSink findings) {
        onEnd(endNanos, findings);
    }
}
