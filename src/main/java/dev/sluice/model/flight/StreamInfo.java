package dev.sluice.model.flight;

import dev.sluice.event.FlightEvent.StreamOutcome;
import dev.sluice.model.Timespan;

/**
 * A Flight stream on a connection: opened by the client at {@code openedNanos}, on the connection
 * (a stream slot granted) at {@code activeNanos} — {@link Timespan#OPEN} while it still waits for
 * a slot (pending) — and ended at {@code completedNanos} ({@link Timespan#OPEN} and {@code outcome} null
 * while running).
 */
public record StreamInfo(String connection, String stream, String ticket, long openedNanos, long activeNanos,
                         long completedNanos, StreamOutcome outcome, long rows) {

    /** Whether it still waited for a stream slot at {@code nanos}. */
    public boolean pendingAt(long nanos) {
        return activeNanos == Timespan.OPEN || activeNanos > nanos;
    }

    StreamInfo active(long nanos) {
        return new StreamInfo(connection, stream, ticket, openedNanos, nanos, completedNanos, outcome, rows);
    }

    StreamInfo completed(long nanos, StreamOutcome result, long rowCount) {
        return new StreamInfo(connection, stream, ticket, openedNanos, activeNanos, nanos, result, rowCount);
    }
}
