package dev.sluice.model.s3;

import dev.sluice.event.S3Event.ClientKind;
import dev.sluice.event.S3Event.Lifecycle;
import dev.sluice.model.Timespan;

/**
 * An S3 client's life: created at {@code createdNanos} on {@code ownerThread}, closed at
 * {@code closedNanos} ({@link Timespan#OPEN} while open) by {@code closedBy}.
 */
public record ClientBar(String client, ClientKind clientKind, Lifecycle lifecycle, String ownerThread, long createdNanos,
                        long closedNanos, String closedBy, int inFlightAtClose) {

    /** Whether the client is still open at {@code nanos}. */
    public boolean openAt(long nanos) {
        return closedNanos == Timespan.OPEN || closedNanos > nanos;
    }

    ClientBar closed(long nanos, String by, int inFlight) {
        return new ClientBar(client, clientKind, lifecycle, ownerThread, createdNanos, nanos, by, inFlight);
    }
}
