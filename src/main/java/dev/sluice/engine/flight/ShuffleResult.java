package dev.sluice.engine.flight;

import dev.sluice.event.FlightEvent;
import java.util.List;

/**
 * How a shuffle went.
 *
 * @param aborted     why the client gave up (stall, budget, stop, deadline), or null
 * @param stalled     it gave up because nothing moved for the stall timeout
 * @param peakBuffered drain: most bytes held by buffered batches at once
 * @param samplingNanos event-loop time spent sampling windows, all connections
 */
public record ShuffleResult(List<StreamOutcome> streams, long rowsConsumed, long bytesConsumed, String aborted, boolean stalled,
                            boolean budgetExceeded, long peakBuffered, long elapsedNanos, long samplingNanos) {

    /** One stream's end ({@code outcome} null: it never ended); {@code error} says why when not ok. */
    public record StreamOutcome(String stream, String connection, String endpoint, FlightEvent.StreamOutcome outcome, long rows,
                                long batches, String error) { }

    public long rowsReceived() {
        return streams.stream().mapToLong(StreamOutcome::rows).sum();
    }

    public boolean allOk() {
        return aborted == null && streams.stream().allMatch(s -> s.outcome() == FlightEvent.StreamOutcome.OK);
    }

    public List<StreamOutcome> failed() {
        return streams.stream().filter(s -> s.outcome() != FlightEvent.StreamOutcome.OK).toList();
    }
}
