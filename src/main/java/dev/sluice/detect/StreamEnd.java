package dev.sluice.detect;

/** Why the event stream ended, which decides whether what was still open at the end is proven. */
public enum StreamEnd {
    /** The run ended (live, a complete trace, or a trace that reached its RunEnded event). */
    RUN_ENDED,
    /** A recording was cut before the run ended: what had not happened yet may still have happened. */
    TRACE_CUT
}
