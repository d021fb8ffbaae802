package dev.sluice.event;


/**
 * Ownership events of the S3 reader: clients, the threads that own and use them, and each
 * request's path from issuing thread to event loop to completion thread. Resource ids are
 * strings such as {@code client-3}, {@code req-17}, {@code loops-3}. The pipeline stamps the
 * emitting thread, so each event is emitted on the thread it is about.
 */
public sealed interface S3Event extends EventBody permits S3Event.ClientCreated, S3Event.ClientClosed,
        S3Event.RequestStarted, S3Event.RequestIo, S3Event.RequestCompleted, S3Event.ThreadSeen,
        S3Event.ThreadEnded, S3Event.ThreadBlocked, S3Event.PoolSampled {

    @Override
    default Engine engine() {
        return Engine.S3;
    }

    /**
     * A client was built (on the emitting thread, which owns it).
     *
     * @param clientKind     {@code netty}, {@code crt} or {@code sync}
     * @param lifecycle      {@code shared}, {@code per-thread} or {@code per-request}
     * @param loopGroup      id of the event-loop group it uses ({@code none} for sync clients)
     * @param loopGroupOwner {@code sdk-owned}, {@code caller-owned}, {@code sdk-shared} or {@code none}
     * @param eventLoops     number of event-loop threads in that group
     * @param completion     where futures complete: {@code executor} (an owned pool), {@code direct}
     *                       (on the event loop itself) or {@code caller} (sync clients)
     */
    record ClientCreated(String client, ClientKind clientKind, Lifecycle lifecycle, String loopGroup,
                         LoopGroupOwner loopGroupOwner, int eventLoops, Completion completion) implements S3Event { }

    /**
     * A client, or the event-loop group it uses, was closed (on the emitting thread).
     *
     * @param inFlight requests of the client issued and not complete at that moment
     * @param closedBy name of the closing thread
     * @param target   {@code client} (client.close), {@code event-loop-group} (its group was shut
     *                 down under it) or {@code reclaim} (Sluice closed a client its owner leaked, after
     *                 recording the leak, so the run releases every thread)
     */
    record ClientClosed(String client, int inFlight, String closedBy, CloseTarget target) implements S3Event { }

    /** A request was issued (on the emitting thread). */
    record RequestStarted(String client, String request, String operation, String key,
                          long rangeStart, long rangeLength) implements S3Event { }

    /** A request's response body arrived on this event loop (emitted on that event-loop thread). */
    record RequestIo(String client, String request, String channel, String eventLoop) implements S3Event { }

    /**
     * A request finished (emitted on the thread it completed on).
     *
     * @param outcome {@code ok}, {@code failed} or {@code timeout} (ended only by apiCallTimeout)
     */
    record RequestCompleted(String client, String request, RequestOutcome outcome, long bytes,
                            long durationNanos, @Nullable String error) implements S3Event { }

    /**
     * A thread that matters to ownership started or was first seen (emitted on that thread).
     *
     * @param role {@code caller}, {@code pool}, {@code event-loop} or {@code completion}
     */
    record ThreadSeen(String threadName, long threadIdSeen, ThreadRole role, String client) implements S3Event { }

    /** A thread ended (emitted on that thread as it exits). */
    record ThreadEnded(String threadName, long threadIdSeen, ThreadRole role, String client) implements S3Event { }

    /**
     * The watchdog saw an event-loop or completion thread waiting in {@code blockedIn}.
     *
     * @param calledFrom   the first frame outside the JDK that made the blocking call
     * @param blockedNanos how long the watchdog has seen it blocked so far
     */
    record ThreadBlocked(String threadName, ThreadRole role, String client, String blockedIn, String calledFrom,
                         long blockedNanos) implements S3Event { }

    /** Connection-pool metrics of a client and its live SDK threads (event loops + completion). */
    record PoolSampled(String client, long leased, long pendingAcquires, long acquireWaitNanos,
                       int liveSdkThreads) implements S3Event { }

    /** Which HTTP stack a client uses. */
    enum ClientKind implements EventEnum {
        /** {@code S3AsyncClient} on the Netty NIO HTTP client: event loops and a completion executor. */
        NETTY,
        /** {@code S3AsyncClient.crtBuilder()}: the AWS Common Runtime's native event loops, shared by every CRT client. */
        CRT,
        /** {@code S3Client} on the JDK's URL connection, on the reader's own pool threads. */
        SYNC;

        public boolean async() {
            return this != SYNC;
        }
    }

    /** Who creates and closes the reader's clients. */
    enum Lifecycle implements EventEnum {
        /** One client for all workers, created and closed by the reader's owner (the right way). */
        SHARED,
        /** One client per pool thread, cached in a ThreadLocal and never closed (iceberg-python #2495). */
        PER_THREAD,
        /** A client created and closed for every request (churn). */
        PER_REQUEST,
        /**
         * Seen built in another program (Sluice's agent): how the program meant to share it is not
         * known, only what it did with it (who closed it, when, from which thread).
         */
        OBSERVED
    }

    /** Who owns a client's event-loop group; {@code none} for sync clients. */
    enum LoopGroupOwner implements EventEnum { SDK_OWNED, CALLER_OWNED, SDK_SHARED, NONE }

    /** Where a client's futures complete. */
    enum Completion implements EventEnum {
        /** An owned completion pool. */
        EXECUTOR,
        /** On the event loop itself. */
        DIRECT,
        /** On the calling thread (sync clients). */
        CALLER
    }

    /** How a request ended; {@code timeout}: ended only by apiCallTimeout. */
    enum RequestOutcome implements EventEnum { OK, FAILED, TIMEOUT }

    /** The part a thread plays for a client. */
    enum ThreadRole implements EventEnum { CALLER, POOL, EVENT_LOOP, COMPLETION }

    /** What a {@link ClientClosed} closed. */
    enum CloseTarget implements EventEnum {
        /** {@code client.close()}. */
        CLIENT,
        /** The client's event-loop group was shut down under it. */
        EVENT_LOOP_GROUP,
        /** Sluice closed a client its owner leaked, after recording the leak. */
        RECLAIM
    }
}
