package dev.sluice.event;


/**
 * HTTP/2 flow-control events of the Flight shuffle client. "Receive" windows are ours (what the
 * server may still send us); "send" windows are the peer's.
 */
public sealed interface FlightEvent extends EventBody permits FlightEvent.ConnectionOpened,
        FlightEvent.ConnectionClosed, FlightEvent.StreamOpened, FlightEvent.StreamCompleted,
        FlightEvent.ConnectionWindowSampled, FlightEvent.StreamWindowSampled, FlightEvent.BatchReceived,
        FlightEvent.BatchConsumed, FlightEvent.ConsumerWaiting, FlightEvent.BufferReserved {

    @Override
    default Engine engine() {
        return Engine.FLIGHT;
    }

    record ConnectionOpened(String connection, String endpoint, long initialWindow,
                            int maxConcurrentStreams) implements FlightEvent { }

    record ConnectionClosed(String connection, String reason) implements FlightEvent { }

    /**
     * A stream was created by the client; {@code pending} when it waits for a slot
     * (MAX_CONCURRENT_STREAMS) and is not yet on the connection.
     */
    record StreamOpened(String connection, String stream, String ticket, boolean pending) implements FlightEvent { }

    /** @param outcome {@code ok}, {@code failed} or {@code cancelled} */
    record StreamCompleted(String connection, String stream, String outcome, long rows,
                           String error) implements FlightEvent { }

    record ConnectionWindowSampled(String connection, long receiveWindow, long receiveInitial,
                                   long receiveUnconsumed, long sendWindow, int activeStreams,
                                   int pendingStreams) implements FlightEvent { }

    record StreamWindowSampled(String connection, String stream, long receiveWindow,
                               long receiveUnconsumed, long sendWindow) implements FlightEvent { }

    record BatchReceived(String connection, String stream, long rows, long bytes) implements FlightEvent { }

    record BatchConsumed(String connection, String stream, long rows, long bytes) implements FlightEvent { }

    /** The consumer now waits on {@code stream} (empty string: waits on none). */
    record ConsumerWaiting(String consumer, String stream) implements FlightEvent { }

    /** Bytes held by drain buffers against the memory budget. */
    record BufferReserved(String stream, long reservedBytes, long totalReserved,
                          long budgetBytes) implements FlightEvent { }
}
