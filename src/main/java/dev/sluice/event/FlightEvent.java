package dev.sluice.event;


/**
 * HTTP/2 flow-control and shuffle events of the Flight client. "Receive" windows are ours (what the
 * server may still send us); "send" windows are the peer's. Streams are named by the client
 * ({@code e0-p1}: endpoint 0, partition 1) and are unique within a run.
 */
public sealed interface FlightEvent extends EventBody permits FlightEvent.ConnectionOpened,
        FlightEvent.ConnectionSettings, FlightEvent.ConnectionClosed, FlightEvent.StreamOpened,
        FlightEvent.StreamActive, FlightEvent.StreamCompleted, FlightEvent.ConnectionWindowSampled,
        FlightEvent.StreamWindowSampled, FlightEvent.BatchReceived, FlightEvent.BatchConsumed,
        FlightEvent.ConsumerWaiting, FlightEvent.BufferReserved, FlightEvent.BudgetBlocked,
        FlightEvent.BudgetUnblocked, FlightEvent.WindowUpdate {

    @Override
    default Engine engine() {
        return Engine.FLIGHT;
    }

    /** @param receiver {@code grpc-java} (connection window refilled on arrival) or {@code h2} (on consumption) */
    record ConnectionOpened(String connection, String endpoint, ReceiverPolicy receiver, long initialWindow,
                            @Signed int maxConcurrentStreams) implements FlightEvent { }

    /** The peer's SETTINGS changed what we may do: its MAX_CONCURRENT_STREAMS, our stream window. */
    record ConnectionSettings(String connection, long receiveInitialWindow, long sendInitialWindow,
                              @Signed int maxConcurrentStreams) implements FlightEvent { }

    /** @param byPeer the server (or the network) closed it, not the client */
    record ConnectionClosed(String connection, String reason, boolean byPeer) implements FlightEvent { }

    /** The client started a call for {@code ticket}; it is pending until {@link StreamActive}. */
    record StreamOpened(String connection, String stream, String ticket) implements FlightEvent { }

    /** The stream reached the connection (got a slot under MAX_CONCURRENT_STREAMS) as HTTP/2 stream {@code h2Stream}. */
    record StreamActive(String connection, String stream, int h2Stream) implements FlightEvent { }

    /** @param outcome {@code ok}, {@code failed} or {@code cancelled} */
    record StreamCompleted(String connection, String stream, StreamOutcome outcome, long rows,
                           @Nullable String error) implements FlightEvent { }

    record ConnectionWindowSampled(String connection, @Signed long receiveWindow, long receiveInitial,
                                   long receiveUnconsumed, @Signed long sendWindow, int activeStreams,
                                   int pendingStreams) implements FlightEvent { }

    /** @param bytesReceived DATA bytes received on the stream so far */
    record StreamWindowSampled(String connection, String stream, @Signed long receiveWindow,
                               long receiveUnconsumed, @Signed long sendWindow, long bytesReceived) implements FlightEvent { }

    /** A batch left the transport (Flight's {@code next()} returned it) on the reading thread. */
    record BatchReceived(String connection, String stream, long rows, long bytes) implements FlightEvent { }

    /** The consumer finished with a batch. */
    record BatchConsumed(String connection, String stream, long rows, long bytes) implements FlightEvent { }

    /** The consumer now waits on {@code stream} (empty string: waits on none). */
    record ConsumerWaiting(String consumer, String stream) implements FlightEvent { }

    /** Bytes held by drain buffers against the memory budget; {@code reservedBytes} is negative on release. */
    record BufferReserved(String stream, @Signed long reservedBytes, long totalReserved,
                          long budgetBytes) implements FlightEvent { }

    /** A drain task could not reserve {@code requestedBytes} within the budget and now waits (back-pressure). */
    record BudgetBlocked(String stream, long requestedBytes, long totalReserved, long budgetBytes) implements FlightEvent { }

    /**
     * A WINDOW_UPDATE frame: {@code sent} by us (we hand receive window back) or received (the peer
     * gives us send window). {@code stream} is empty for the connection window.
     */
    record WindowUpdate(String connection, String stream, boolean sent, long increment) implements FlightEvent { }

    /** The drain task got its reservation after waiting {@code waitedNanos}. */
    record BudgetUnblocked(String stream, long waitedNanos) implements FlightEvent { }

    /** How the client hands HTTP/2 connection window back to the server. */
    enum ReceiverPolicy implements EventEnum {
        /** Stock gRPC-java: the connection window is refilled as DATA arrives; an unread stream holds only its own window. */
        GRPC_JAVA,
        /** As Rust's h2/tonic and some proxies: the connection window comes back only as a stream's data is consumed. */
        H2
    }

    /** How a stream ended. */
    enum StreamOutcome implements EventEnum { OK, FAILED, CANCELLED }
}
