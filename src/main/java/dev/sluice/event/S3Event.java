package dev.sluice.event;


/**
 * Ownership events of the S3 reader: clients, the threads that own and use them, and each
 * request's path from issuing thread to event loop to completion thread. Resource ids are
 * strings such as {@code client-3}, {@code req-17}, {@code ch-0x1f2e}.
 */
public sealed interface S3Event extends EventBody permits S3Event.ClientCreated, S3Event.ClientClosed,
        S3Event.RequestStarted, S3Event.RequestIo, S3Event.RequestCompleted, S3Event.ThreadSeen,
        S3Event.ThreadEnded, S3Event.ThreadBlocked, S3Event.PoolSampled {

    @Override
    default Engine engine() {
        return Engine.S3;
    }

    /**
     * A client was built (on the emitting thread).
     *
     * @param clientKind     {@code netty}, {@code crt} or {@code sync}
     * @param lifecycle      {@code shared}, {@code per-thread} or {@code per-request}
     * @param loopGroup      id of the event-loop group it uses
     * @param loopGroupOwner {@code sdk-owned}, {@code caller-owned} or {@code sdk-shared}
     * @param eventLoops     number of event-loop threads in that group
     */
    record ClientCreated(String client, String clientKind, String lifecycle, String loopGroup,
                         String loopGroupOwner, int eventLoops) implements S3Event { }

    /** A client was closed (on the emitting thread) with {@code inFlight} requests not complete. */
    record ClientClosed(String client, int inFlight, String closedBy) implements S3Event { }

    /** A request was issued (on the emitting thread). */
    record RequestStarted(String client, String request, String operation, String key,
                          long rangeStart, long rangeLength) implements S3Event { }

    /** A request's I/O ran on this event loop (emitted on that event-loop thread). */
    record RequestIo(String client, String request, String channel, String eventLoop) implements S3Event { }

    /**
     * A request finished (emitted on the thread it completed on).
     *
     * @param outcome {@code ok}, {@code failed} or {@code timeout}
     */
    record RequestCompleted(String client, String request, String outcome, long bytes,
                            long durationNanos, String error) implements S3Event { }

    /**
     * A thread that matters to ownership was first seen.
     *
     * @param role {@code caller}, {@code pool}, {@code event-loop} or {@code completion}
     */
    record ThreadSeen(String threadName, long threadIdSeen, String role, String client) implements S3Event { }

    /** A thread ended (or was found dead by the watchdog). */
    record ThreadEnded(String threadName, long threadIdSeen, String role) implements S3Event { }

    /** The watchdog saw an event-loop or completion thread waiting in {@code blockedIn}. */
    record ThreadBlocked(String threadName, String role, String client, String blockedIn,
                         long blockedNanos) implements S3Event { }

    /** Connection-pool metrics of a client. */
    record PoolSampled(String client, long leased, long pendingAcquires, long acquireWaitNanos,
                       int liveSdkThreads) implements S3Event { }
}
