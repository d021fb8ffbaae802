package dev.sluice.model;

import dev.sluice.event.Engine;

/**
 * A point on the timeline worth labelling: a note, a consumer switching the stream it waits on,
 * a thread blocked, the run ending. {@code subject} is what it is about (stream, thread, run).
 */
public record Mark(long nanos, Engine engine, Kind kind, String subject, String text) {

    /** What a mark labels. */
    public enum Kind {
        /** A run started or ended. */
        RUN,
        /** A free-form note. */
        NOTE,
        /** The scenario failed. */
        FAILED,
        /** An S3 event-loop or completion thread was seen blocked. */
        BLOCKED,
        /** The Flight consumer now waits on a stream (or on none). */
        WAITING,
        /** Verify found rows missing. */
        ROWS_MISSING,
        /** A Delta task failed. */
        TASK_FAILED
    }
}
