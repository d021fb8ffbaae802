package dev.sluice.engine.s3;

import dev.sluice.event.Emitter;
import dev.sluice.event.S3Event;
import dev.sluice.event.S3Event.ClientKind;
import dev.sluice.event.S3Event.CloseTarget;
import dev.sluice.event.S3Event.RequestOutcome;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * One probed S3 client: the SDK client plus what it owns (completion pool, a caller-owned event-loop
 * group), its in-flight count, and probes on every request and on close.
 */
public final class S3ClientHandle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3ClientHandle.class);

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[256 * 1024]);

    private final String id;
    private final ClientOptions options;
    private final S3Target target;
    private final S3AsyncClient async;
    private final S3Client sync;
    private final ExecutorService completionPool;
    private final SdkEventLoopGroup callerGroup;
    private final Emitter emitter;
    private final S3ClientFactory factory;
    private final PoolMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean loopsShutDown = new AtomicBoolean();

    S3ClientHandle(String id, ClientOptions options, S3Target target, S3AsyncClient async, S3Client sync,
                   ExecutorService completionPool, SdkEventLoopGroup callerGroup, Emitter emitter, S3ClientFactory factory,
                   PoolMetrics metrics) {
        this.metrics = metrics;
        this.id = id;
        this.options = options;
        this.target = target;
        this.async = async;
        this.sync = sync;
        this.completionPool = completionPool;
        this.callerGroup = callerGroup;
        this.emitter = emitter;
        this.factory = factory;
    }

    public String id() {
        return id;
    }

    public ClientOptions options() {
        return options;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public boolean closed() {
        return closed.get();
    }

    private GetObjectRequest request(Part part, String req) {
        GetObjectRequest.Builder b = GetObjectRequest.builder().bucket(target.bucket()).key(part.key());
        if (options.kind() == ClientKind.CRT) {
            // the CRT builder has no client-wide apiCallTimeout; set it per request
            b.overrideConfiguration(o -> o.apiCallTimeout(options.apiCallTimeout()));
        } else if (options.kind() == ClientKind.NETTY) {
            // lets the channel tell which request it carries (RequestIo with channel and event loop)
            b.overrideConfiguration(o -> o.putHeader(ProbedChannel.HEADER, req));
        }
        String range = part.rangeHeader();
        if (range != null) {
            b.range(range);
        }
        return b.build();
    }

    /**
     * Issues one GET without waiting. The returned future completes on the client's completion
     * thread, where {@code RequestCompleted} is emitted; it never fails (failures are in the result).
     */
    public CompletableFuture<PartResult> readAsync(Part part, boolean digest) {
        if (async == null) {
            throw new IllegalStateException(id + " is a " + options.kind().id() + " client; use readSync");
        }
        String req = factory.nextRequestId();
        emitter.emit(new S3Event.RequestStarted(id, req, "GetObject", part.key(), part.rangeStart(), part.length()));
        inFlight.incrementAndGet();
        long t0 = System.nanoTime();
        // Netty requests are reported by their channel; CRT ones where their body arrives
        BodyCounter body = new BodyCounter(id, req, digest, options.kind() == ClientKind.CRT ? emitter : Emitter.NOOP);
        CompletableFuture<BodyCounter.Body> call;
        try {
            call = async.getObject(request(part, req), body);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.handle((b, err) -> finish(part, req, t0, b == null ? body.bytesSoFar() : b.bytes(),
                b == null ? null : b.md5Hex(), err));
    }

    /** Reads one part on the calling thread (sync clients). */
    public PartResult readSync(Part part, boolean digest) {
        if (sync == null) {
            throw new IllegalStateException(id + " is a " + options.kind().id() + " client; use readAsync");
        }
        String req = factory.nextRequestId();
        emitter.emit(new S3Event.RequestStarted(id, req, "GetObject", part.key(), part.rangeStart(), part.length()));
        inFlight.incrementAndGet();
        long t0 = System.nanoTime();
        long count = 0;
        MessageDigest md = digest ? BodyCounter.md5() : null;
        Throwable failure = null;
        try (ResponseInputStream<GetObjectResponse> in = sync.getObject(request(part, req))) {
            count = drain(in, md);
        } catch (Exception e) {
            failure = e;
        }
        return finish(part, req, t0, count, md == null || failure != null ? null : HexFormat.of().formatHex(md.digest()), failure);
    }

    private static long drain(InputStream in, MessageDigest md) throws IOException {
        byte[] buf = BUFFER.get();
        long count = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (md != null) {
                md.update(buf, 0, n);
            }
            count += n;
        }
        return count;
    }

    private PartResult finish(Part part, String req, long t0, long bytes, String md5, Throwable err) {
        inFlight.decrementAndGet();
        long duration = System.nanoTime() - t0;
        Throwable cause = err == null ? null : Failures.unwrap(err);
        RequestOutcome outcome = cause == null ? RequestOutcome.OK
                : Failures.isTimeout(cause) ? RequestOutcome.TIMEOUT : RequestOutcome.FAILED;
        emitter.emit(new S3Event.RequestCompleted(id, req, outcome, bytes, duration,
                cause == null ? null : Failures.describe(cause)));
        return new PartResult(part, req, bytes, md5, cause, duration, outcome);
    }

    PoolMetrics metrics() {
        return metrics;
    }

    /** The SDK sync client (sync kind), for listing. */
    S3Client syncClient() {
        return sync;
    }

    /** Closes the client and what it owns (its owner's way out). Idempotent. */
    @Override
    public void close() {
        closeAs(CloseTarget.CLIENT);
    }

    /** Closes a client its owner leaked, after the leak is on record, so the run releases its threads. */
    public void reclaim() {
        closeAs(CloseTarget.RECLAIM);
    }

    private void closeAs(CloseTarget how) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        emitter.emit(new S3Event.ClientClosed(id, inFlight.get(), Thread.currentThread().getName(), how));
        factory.closed(this);
        if (async != null) {
            async.close();
        }
        if (sync != null) {
            sync.close();
        }
        if (callerGroup != null && loopsShutDown.compareAndSet(false, true)) {
            logIfFails(callerGroup.eventLoopGroup().shutdownGracefully(0, 2, TimeUnit.SECONDS), id);
        }
        if (completionPool != null) {
            completionPool.shutdown();
        }
    }

    /**
     * Shuts down the caller-owned event-loop group under the client right now, whatever is in
     * flight (the foreign-close hazard). The client itself stays open until {@link #close()}.
     */
    public void shutdownEventLoopGroup() {
        if (callerGroup == null) {
            throw new IllegalStateException(id + " uses an SDK-owned event-loop group; only a caller-owned one can be shut down under it");
        }
        if (loopsShutDown.compareAndSet(false, true)) {
            emitter.emit(new S3Event.ClientClosed(id, inFlight.get(), Thread.currentThread().getName(),
                    CloseTarget.EVENT_LOOP_GROUP));
            logIfFails(callerGroup.eventLoopGroup().shutdownGracefully(0, 0, TimeUnit.SECONDS), id);
        }
    }

    /** Logs a caller-owned event-loop group that fails to shut down (nobody waits for it). */
    static void logIfFails(Future<?> shutdown, String owner) {
        shutdown.addListener(f -> {
            if (!f.isSuccess()) {
                LOG.warn("the event-loop group of {} failed to shut down", owner, f.cause());
            }
        });
    }
}
