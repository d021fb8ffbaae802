package dev.sluice.engine.s3;

import dev.sluice.event.Emitter;
import dev.sluice.event.S3Event;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Consumes a GET's body where it arrives — counting bytes and, when asked, digesting them — without
 * copying it into a new buffer. For clients whose event loops are native (CRT), its first chunk
 * tells which loop thread ran the request's I/O, so it emits {@code RequestIo} there (Netty
 * requests are reported by {@link ProbedChannel}, with their channel).
 */
final class BodyCounter implements AsyncResponseTransformer<GetObjectResponse, BodyCounter.Body> {

    /** What was read: byte count and MD5 (hex, or null when not digested). */
    record Body(long bytes, String md5Hex) { }

    private final String client;
    private final String request;
    private final boolean digest;
    private final Emitter emitter;
    private volatile CompletableFuture<Body> result;
    private volatile long bytes;

    BodyCounter(String client, String request, boolean digest, Emitter emitter) {
        this.client = client;
        this.request = request;
        this.digest = digest;
        this.emitter = emitter;
    }

    long bytesSoFar() {
        return bytes;
    }

    @Override
    public CompletableFuture<Body> prepare() {
        // called again on each retry: start afresh
        bytes = 0;
        result = new CompletableFuture<>();
        return result;
    }

    @Override
    public void onResponse(GetObjectResponse response) {
        // headers only; the body arrives through onStream
    }

    @Override
    public void onStream(SdkPublisher<ByteBuffer> publisher) {
        CompletableFuture<Body> target = result;
        MessageDigest md = digest ? md5() : null;
        publisher.subscribe(new Subscriber<ByteBuffer>() {
            private boolean first = true;
            private long count;

            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer chunk) {
                if (first) {
                    first = false;
                    emitter.emit(new S3Event.RequestIo(client, request, "", Thread.currentThread().getName()));
                }
                count += chunk.remaining();
                if (md != null) {
                    md.update(chunk);
                }
                bytes = count;
            }

            @Override
            public void onError(Throwable t) {
                target.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                target.complete(new Body(count, md == null ? null : HexFormat.of().formatHex(md.digest())));
            }
        });
    }

    @Override
    public void exceptionOccurred(Throwable error) {
        CompletableFuture<Body> target = result;
        if (target != null) {
            target.completeExceptionally(error);
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no MD5", e);
        }
    }
}
