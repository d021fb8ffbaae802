package dev.sluice.agent;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One gRPC call as the probes know it: named when Flight makes it (a {@code DoGet},
 * with its ticket), on a connection once the transport makes its stream, active once HTTP/2 gives it
 * an id (a slot under MAX_CONCURRENT_STREAMS).
 */
final class GrpcStream {

    final String name;
    final String ticket;
    volatile GrpcConnection connection;
    volatile Object http2Stream;
    final AtomicLong bytesReceived = new AtomicLong();
    final AtomicLong rows = new AtomicLong();
    final AtomicBoolean done = new AtomicBoolean();
    /** The consumer thread that waits on this call before its transport stream exists (reported once it does). */
    volatile String awaitedBy;

    // the last sample emitted, written on the connection's event loop only
    private long lastReceiveWindow = Long.MIN_VALUE;
    private long lastUnconsumed = Long.MIN_VALUE;
    private long lastSendWindow = Long.MIN_VALUE;
    private long lastBytes = Long.MIN_VALUE;
    private long lastEmitNanos;

    GrpcStream(String name, String ticket) {
        this.name = name;
        this.ticket = ticket;
    }

    String connectionName() {
        GrpcConnection c = connection;
        return c == null ? "" : c.name;
    }

    /** On the event loop: whether this sample differs from the last one emitted, or that one is stale. */
    boolean changed(long now, long receiveWindow, long unconsumed, long sendWindow, long bytes) {
        if (now - lastEmitNanos < GrpcConnection.REFRESH_NANOS && receiveWindow == lastReceiveWindow
                && unconsumed == lastUnconsumed && sendWindow == lastSendWindow && bytes == lastBytes) {
            return false;
        }
        lastReceiveWindow = receiveWindow;
        lastUnconsumed = unconsumed;
        lastSendWindow = sendWindow;
        lastBytes = bytes;
        lastEmitNanos = now;
        return true;
    }
}
