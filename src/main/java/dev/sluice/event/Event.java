package dev.sluice.event;

/**
 * One thing that happened in a run: when (ns since the run started, monotonic), on which thread,
 * in which run, and what ({@link #body()}). Immutable.
 *
 * @param runId    the run this event belongs to
 * @param timeNanos nanoseconds since the run started (monotonic clock)
 * @param thread   name of the emitting thread
 * @param threadId id of the emitting thread
 * @param body     the kind-specific fields
 */
public record Event(String runId, long timeNanos, String thread, long threadId, EventBody body) {

    public Engine engine() {
        return body.engine();
    }

    public String kind() {
        return body.kind();
    }
}
