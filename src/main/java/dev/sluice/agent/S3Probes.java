package dev.sluice.agent;

import dev.sluice.event.S3Event;
import dev.sluice.event.S3Event.ClientKind;
import dev.sluice.event.S3Event.Completion;
import dev.sluice.event.S3Event.LoopGroupOwner;
import dev.sluice.event.S3Event.RequestOutcome;
import dev.sluice.event.S3Event.ThreadRole;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.client.handler.ClientExecutionParams;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/**
 * The AWS SDK v2 probes, called from {@link S3Advice} inside the SDK's client handlers (one handler
 * per client, sync or async, any service): the same {@link S3Event}s the embedded engine emits.
 * Every method catches what it throws and disables its probe ({@link Probes#failed}); none blocks:
 * the only lock guards a weak map from handler to client, held for a lookup.
 */
public final class S3Probes {

    private static final int MAX_ERROR_CHARS = 300;
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final AtomicLong REQUESTS = new AtomicLong();
    /** Weak keys: a client the job dropped does not stay in memory because Sluice saw it. */
    private static final Map<Object, Client> BY_HANDLER = Collections.synchronizedMap(new WeakHashMap<>());

    /** One client as the probes know it. */
    static final class Client {
        final String id;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        Client(String id) {
            this.id = id;
        }
    }

    /** A request between its start and its end. */
    public record Request(Client client, String id, long startNanos) { }

    private S3Probes() {
    }

    /** A client handler was constructed with {@code configuration}, on the thread that builds the client. */
    public static void clientBuilt(Object handler, Object configuration, boolean async) {
        try {
            if (!Probes.on(ProbeName.S3_CLIENT_BUILT)) {
                return;
            }
            Client client = new Client("client-" + CLIENTS.incrementAndGet());
            BY_HANDLER.put(handler, client);
            Thread self = Thread.currentThread();
            ThreadWatch.owner(self, client.id);
            Probes.emit(new S3Event.ThreadSeen(self.getName(), threadId(self), ThreadRole.CALLER, client.id));
            SdkClientConfiguration config = (SdkClientConfiguration) configuration;
            if (!async) {
                Probes.emit(new S3Event.ClientCreated(client.id, ClientKind.SYNC, S3Event.Lifecycle.OBSERVED, "none",
                        LoopGroupOwner.NONE, 0, Completion.CALLER));
                return;
            }
            SdkAsyncHttpClient http = config.option(SdkClientOption.ASYNC_HTTP_CLIENT);
            String name = http == null ? "" : http.clientName();
            if (name.contains("Crt") || name.contains("CommonRuntime")) {
                Probes.emit(new S3Event.ClientCreated(client.id, ClientKind.CRT, S3Event.Lifecycle.OBSERVED, "crt",
                        LoopGroupOwner.SDK_SHARED, 0, Completion.EXECUTOR));
                return;
            }
            NettyLoops loops = NettyLoops.of(http);
            Probes.emit(new S3Event.ClientCreated(client.id, ClientKind.NETTY, S3Event.Lifecycle.OBSERVED, loops.id(),
                    loops.owner(), loops.threads(), Completion.EXECUTOR));
        } catch (Throwable t) {
            Probes.failed(ProbeName.S3_CLIENT_BUILT, t);
        }
    }

    /** A request is being issued on the calling thread; returns what {@link #ended} needs, or null. */
    public static Request started(Object handler, Object executionParams) {
        try {
            if (!Probes.on(ProbeName.S3_REQUEST)) {
                return null;
            }
            Client client = BY_HANDLER.get(handler);
            if (client == null) {
                return null; // built before the agent came, or while its probe was off
            }
            ClientExecutionParams<?, ?> params = (ClientExecutionParams<?, ?>) executionParams;
            SdkRequest input = params.getInput();
            String key = input == null ? "" : input.getValueForField("Key", String.class).orElse("");
            String range = input == null ? "" : input.getValueForField("Range", String.class).orElse("");
            long[] span = ByteRange.parse(range);
            Request request = new Request(client, "req-" + REQUESTS.incrementAndGet(), System.nanoTime());
            client.inFlight.incrementAndGet();
            String operation = params.getOperationName() == null ? "" : params.getOperationName();
            Probes.emit(new S3Event.RequestStarted(client.id, request.id, operation, key, span[0], span[1]));
            return request;
        } catch (Throwable t) {
            Probes.failed(ProbeName.S3_REQUEST, t);
            return null;
        }
    }

    /** An async request was issued: its end is reported on the thread that completes {@code future}. */
    public static void issued(Request request, Object future, Throwable thrown) {
        if (request == null) {
            return;
        }
        try {
            if (thrown != null || !(future instanceof CompletableFuture<?> f)) {
                ended(request, null, thrown);
                return;
            }
            // a dependent stage of our own: the job's future and its callbacks are left as they are
            f.handle((result, error) -> {
                ended(request, result, error);
                return null;
            }).exceptionally(t -> { // the job's own failure went to ended(); this is ended()'s
                Probes.failed(ProbeName.S3_REQUEST, t);
                return null;
            });
        } catch (Throwable t) {
            Probes.failed(ProbeName.S3_REQUEST, t);
        }
    }

    /** A request ended with {@code result} or {@code error}, on the calling thread. */
    public static void ended(Request request, Object result, Throwable error) {
        if (request == null) {
            return;
        }
        try {
            request.client.inFlight.decrementAndGet();
            // a request that was reported started is reported ended even if its probe failed since:
            // a start without its end would read as a future that never completed
            Thread self = Thread.currentThread();
            ThreadWatch.completion(self, request.client.id);
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            RequestOutcome outcome = cause == null ? RequestOutcome.OK
                    : cause instanceof ApiCallTimeoutException ? RequestOutcome.TIMEOUT : RequestOutcome.FAILED;
            Probes.emit(new S3Event.RequestCompleted(request.client.id, request.id, outcome, bytes(result),
                    Math.max(0, System.nanoTime() - request.startNanos), cause == null ? null : describe(cause)));
        } catch (Throwable t) {
            Probes.failed(ProbeName.S3_REQUEST, t);
        }
    }

    /** A client handler is being closed, on the closing thread. */
    public static void closing(Object handler) {
        try {
            if (!Probes.on(ProbeName.S3_CLIENT_CLOSED)) {
                return;
            }
            Client client = BY_HANDLER.get(handler);
            if (client == null || !client.closed.compareAndSet(false, true)) {
                return;
            }
            Probes.emit(new S3Event.ClientClosed(client.id, Math.max(0, client.inFlight.get()),
                    Thread.currentThread().getName(), S3Event.CloseTarget.CLIENT));
        } catch (Throwable t) {
            Probes.failed(ProbeName.S3_CLIENT_CLOSED, t);
        }
    }

    /** Bytes of a downloaded body, or of the content length the response states; 0 when neither is known. */
    private static long bytes(Object result) {
        if (result instanceof ResponseBytes<?> rb) {
            return rb.asByteArrayUnsafe().length;
        }
        if (result instanceof SdkResponse response) {
            return Math.max(0, response.getValueForField("ContentLength", Long.class).orElse(0L));
        }
        return 0;
    }

    /** The error in one line, bounded: its type and message (no payloads, no headers). */
    private static String describe(Throwable error) {
        String text = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        text = text.replace('\n', ' ');
        return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "..." : text;
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
    static long threadId(Thread t) {
        return t.getId();
    }
}
