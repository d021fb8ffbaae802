package dev.sluice.model.flight;

/**
 * One sample of a flow-control window. For a connection sample {@code stream} is empty and
 * {@code initial} is the receive window's initial size; for a stream sample {@code initial} is 0.
 */
public record WindowSample(long nanos, String connection, String stream, long receiveWindow, long initial,
                           long unconsumed, long sendWindow, int activeStreams, int pendingStreams) {

    public boolean isConnection() {
        return stream.isEmpty();
    }
}
