package dev.sluice.model.flight;

/** A Flight (HTTP/2) connection: opened, closed ({@link Timespan#OPEN} while open). */
public record ConnectionInfo(String connection, String endpoint, long initialWindow, int maxConcurrentStreams,
                             long openedNanos, long closedNanos, String closeReason) {

    ConnectionInfo closed(long nanos, String reason) {
        return new ConnectionInfo(connection, endpoint, initialWindow, maxConcurrentStreams, openedNanos, nanos, reason);
    }
}
