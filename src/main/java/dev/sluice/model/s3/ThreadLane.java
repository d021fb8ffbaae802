package dev.sluice.model.s3;

import dev.sluice.event.S3Event.ThreadRole;
import dev.sluice.model.Timespan;

/**
 * A thread that matters to S3 ownership, with the role it plays ({@code caller}, {@code pool},
 * {@code event-loop}, {@code completion}) and the client it serves first; {@code endedNanos} is
 * {@link Timespan#OPEN} while it lives.
 */
public record ThreadLane(String thread, ThreadRole role, String client, long firstSeenNanos, long endedNanos) {

    ThreadLane ended(long nanos) {
        return new ThreadLane(thread, role, client, firstSeenNanos, nanos);
    }
}
