package dev.sluice.model;

/**
 * A Flight stream on a connection; {@code pending} when it waited for a stream slot. Ends at
 * {@code completedNanos} ({@link ClientBar#OPEN} while running) with {@code outcome}.
 */
public record StreamInfo(String connection, String stream, String ticket, boolean pending, long openedNanos,
                         long completedNanos, String outcome, long rows) {

    StreamInfo completed(long nanos, String result, long rowCount) {
        return new StreamInfo(connection, stream, ticket, pending, openedNanos, nanos, result, rowCount);
    }
}
