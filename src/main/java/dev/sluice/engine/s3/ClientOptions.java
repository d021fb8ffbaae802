package dev.sluice.engine.s3;

import dev.sluice.event.S3Event.ClientKind;
import dev.sluice.event.S3Event.Lifecycle;
import java.time.Duration;

/**
 * How to build one client.
 *
 * @param eventLoops        event-loop threads of the client's own group (async kinds)
 * @param callerOwnedLoops  true: the caller builds the event-loop group and passes it in (and must
 *                          shut it down); false: the SDK builds and closes it with the client
 * @param directCompletion  true: futures complete on the event loop ({@code Runnable::run}); false:
 *                          on an owned completion pool of {@code completionThreads}
 * @param maxConnections    connection-pool size (async) — bounds requests in flight per client
 * @param apiCallTimeout    always set: without it a future orphaned by a dead event loop never completes
 */
public record ClientOptions(ClientKind kind, Lifecycle lifecycle, int eventLoops, boolean callerOwnedLoops,
                            boolean directCompletion, int completionThreads, int maxConnections,
                            Duration apiCallTimeout) {

    public ClientOptions {
        if (apiCallTimeout == null || apiCallTimeout.isZero() || apiCallTimeout.isNegative()) {
            throw new IllegalArgumentException("apiCallTimeout must be positive, got " + apiCallTimeout);
        }
        if (eventLoops < 1 || completionThreads < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("event loops, completion threads and connections must be >= 1");
        }
    }

    public static ClientOptions defaults(ClientKind kind, Lifecycle lifecycle) {
        return new ClientOptions(kind, lifecycle, 2, false, false, 2, 64, Duration.ofSeconds(30));
    }

    public ClientOptions withEventLoops(int n) {
        return new ClientOptions(kind, lifecycle, n, callerOwnedLoops, directCompletion, completionThreads, maxConnections, apiCallTimeout);
    }

    public ClientOptions withCallerOwnedLoops(boolean b) {
        return new ClientOptions(kind, lifecycle, eventLoops, b, directCompletion, completionThreads, maxConnections, apiCallTimeout);
    }

    public ClientOptions withDirectCompletion(boolean b) {
        return new ClientOptions(kind, lifecycle, eventLoops, callerOwnedLoops, b, completionThreads, maxConnections, apiCallTimeout);
    }

    public ClientOptions withMaxConnections(int n) {
        return new ClientOptions(kind, lifecycle, eventLoops, callerOwnedLoops, directCompletion, completionThreads, n, apiCallTimeout);
    }

    public ClientOptions withApiCallTimeout(Duration d) {
        return new ClientOptions(kind, lifecycle, eventLoops, callerOwnedLoops, directCompletion, completionThreads, maxConnections, d);
    }
}
