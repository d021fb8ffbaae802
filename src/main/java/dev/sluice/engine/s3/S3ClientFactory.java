package dev.sluice.engine.s3;

import dev.sluice.event.Emitter;
import dev.sluice.event.S3Event;
import dev.sluice.event.S3Event.Completion;
import dev.sluice.event.S3Event.LoopGroupOwner;
import dev.sluice.event.S3Event.ThreadRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3CrtAsyncClientBuilder;

/**
 * Builds probed clients for one target. Every client gets an {@code apiCallTimeout}; its event-loop
 * and completion threads come from {@link ProbedThreadFactory}, so their life is on the timeline and
 * the watchdog can see them. The HTTP client is always built by the SDK from a builder
 * ({@code httpClientBuilder}), so closing the S3 client closes it too.
 */
public final class S3ClientFactory {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final S3Target target;
    private final Emitter emitter;
    private final ThreadRegistry registry;
    private final AtomicInteger clients = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, S3ClientHandle> open = new ConcurrentHashMap<>();

    public S3ClientFactory(S3Target target, Emitter emitter, ThreadRegistry registry) {
        this.target = target;
        this.emitter = emitter;
        this.registry = registry;
    }

    public S3Target target() {
        return target;
    }

    public ThreadRegistry registry() {
        return registry;
    }

    String nextRequestId() {
        return "req-" + requests.incrementAndGet();
    }

    /** Builds a client on the calling thread, which becomes its owner. */
    public S3ClientHandle create(ClientOptions options) {
        String id = "client-" + clients.incrementAndGet();
        PoolMetrics metrics = new PoolMetrics();
        S3ClientHandle h = switch (options.kind()) {
            case NETTY -> createNetty(id, options, metrics);
            case CRT -> createCrt(id, options);
            case SYNC -> createSync(id, options, metrics);
        };
        open.put(id, h);
        return h;
    }

    /** Clients built here and not closed yet. */
    public List<S3ClientHandle> openClients() {
        return List.copyOf(open.values());
    }

    void closed(S3ClientHandle h) {
        open.remove(h.id());
    }

    private S3ClientHandle createNetty(String id, ClientOptions o, PoolMetrics metrics) {
        ProbedThreadFactory loopThreads = new ProbedThreadFactory("s3-" + id + "-nio", ThreadRole.EVENT_LOOP, id, emitter, registry);
        SdkEventLoopGroup.Builder loops = SdkEventLoopGroup.builder().numberOfThreads(o.eventLoops()).threadFactory(loopThreads)
                .channelFactory(() -> new ProbedChannel(id, emitter));
        NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
                .maxConcurrency(o.maxConnections())
                .connectionTimeout(CONNECT_TIMEOUT);
        SdkEventLoopGroup callerGroup = null;
        if (o.callerOwnedLoops()) {
            callerGroup = loops.build();
            http.eventLoopGroup(callerGroup);
        } else {
            http.eventLoopGroupBuilder(loops);
        }
        ExecutorService completionPool = completionPool(id, o);
        Executor completion = completionPool != null ? completionPool : Runnable::run;
        S3AsyncClientBuilder b = S3AsyncClient.builder()
                .httpClientBuilder(http)
                .region(Region.of(target.region()))
                .credentialsProvider(target.credentials())
                .forcePathStyle(target.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .asyncConfiguration(a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, completion))
                .overrideConfiguration(c -> c.apiCallTimeout(o.apiCallTimeout()).addMetricPublisher(metrics));
        if (target.endpoint() != null) {
            b.endpointOverride(target.endpoint());
        }
        S3AsyncClient client;
        try {
            client = b.build();
        } catch (RuntimeException e) {
            if (callerGroup != null) {
                S3ClientHandle.logIfFails(callerGroup.eventLoopGroup().shutdownGracefully(), "a client that failed to build");
            }
            if (completionPool != null) {
                completionPool.shutdown();
            }
            throw e;
        }
        emitter.emit(new S3Event.ClientCreated(id, o.kind(), o.lifecycle(), "loops-" + id,
                o.callerOwnedLoops() ? LoopGroupOwner.CALLER_OWNED : LoopGroupOwner.SDK_OWNED, o.eventLoops(),
                completion(o)));
        return new S3ClientHandle(id, o, target, client, null, completionPool, callerGroup, emitter, this, metrics);
    }

    /**
     * The CRT client has no client-level apiCallTimeout setting: the handle sets it on every
     * request instead. Its event loops are native and shared, so they are seen through
     * {@code RequestIo} only, not as threads this engine started.
     */
    private S3ClientHandle createCrt(String id, ClientOptions o) {
        ExecutorService completionPool = completionPool(id, o);
        Executor completion = completionPool != null ? completionPool : Runnable::run;
        S3CrtAsyncClientBuilder b = S3AsyncClient.crtBuilder()
                .region(Region.of(target.region()))
                .credentialsProvider(target.credentials())
                .forcePathStyle(target.pathStyle())
                .maxConcurrency(o.maxConnections())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpConfiguration(h -> h.connectionTimeout(CONNECT_TIMEOUT))
                .futureCompletionExecutor(completion);
        if (target.endpoint() != null) {
            b.endpointOverride(target.endpoint());
        }
        S3AsyncClient client;
        try {
            client = b.build();
        } catch (RuntimeException | LinkageError e) {
            if (completionPool != null) {
                completionPool.shutdown();
            }
            throw new IllegalStateException("the CRT S3 client cannot start here (its native library did not load): " + e, e);
        }
        emitter.emit(new S3Event.ClientCreated(id, o.kind(), o.lifecycle(), "crt-default-event-loops",
                LoopGroupOwner.SDK_SHARED, Runtime.getRuntime().availableProcessors(), completion(o)));
        return new S3ClientHandle(id, o, target, client, null, completionPool, null, emitter, this, new PoolMetrics());
    }

    private static Completion completion(ClientOptions o) {
        return o.directCompletion() ? Completion.DIRECT : Completion.EXECUTOR;
    }

    /** The owned pool futures complete on, or null when they complete directly on the event loop. */
    private ExecutorService completionPool(String id, ClientOptions o) {
        if (o.directCompletion()) {
            return null;
        }
        return Executors.newFixedThreadPool(o.completionThreads(),
                new ProbedThreadFactory("s3-" + id + "-sdk-async-response", ThreadRole.COMPLETION, id, emitter, registry));
    }

    private S3ClientHandle createSync(String id, ClientOptions o, PoolMetrics metrics) {
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(o.apiCallTimeout()))
                .region(Region.of(target.region()))
                .credentialsProvider(target.credentials())
                .forcePathStyle(target.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c.apiCallTimeout(o.apiCallTimeout()).addMetricPublisher(metrics));
        if (target.endpoint() != null) {
            b.endpointOverride(target.endpoint());
        }
        S3Client client = b.build();
        emitter.emit(new S3Event.ClientCreated(id, o.kind(), o.lifecycle(), "none", LoopGroupOwner.NONE, 0, Completion.CALLER));
        return new S3ClientHandle(id, o, target, null, client, null, null, emitter, this, metrics);
    }
}
