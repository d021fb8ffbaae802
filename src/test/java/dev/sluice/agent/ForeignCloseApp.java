package dev.sluice.agent;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A user app with the foreign-close hazard: another thread closes the client while its reads are
 * in flight. Each read's body is held back until the close is done (its headers have arrived, its
 * body is not read), so the requests are surely in flight when the client closes.
 * Arguments: endpoint bucket key.
 */
public final class ForeignCloseApp {

    private static final int READS = 4;

    private ForeignCloseApp() {
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the hazard modelled: the reads are left as the close leaves them
    public static void main(String[] args) throws Exception {
        S3AsyncClient client = UserApps.client(args[0]);
        CountDownLatch headers = new CountDownLatch(READS);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        for (int i = 0; i < READS; i++) {
            client.getObject(r -> r.bucket(args[1]).key(args[2]), new HeldBody(headers, closed));
        }
        if (!headers.await(60, TimeUnit.SECONDS)) {
            System.exit(UserApps.WORK_FAILED);
        }
        Thread closer = new Thread(client::close, "app-closer");
        closer.start();
        closer.join();
        // the reads are left as the close left them: the trace shows what became of them
        closed.complete(null);
        System.exit(0);
    }

    /** Reads a body only once {@code release} completes. */
    private static final class HeldBody implements AsyncResponseTransformer<GetObjectResponse, Long> {
        private final CountDownLatch headers;
        private final CompletableFuture<Void> release;
        private final CompletableFuture<Long> result = new CompletableFuture<>();

        HeldBody(CountDownLatch headers, CompletableFuture<Void> release) {
            this.headers = headers;
            this.release = release;
        }

        @Override
        public CompletableFuture<Long> prepare() {
            return result;
        }

        @Override
        public void onResponse(GetObjectResponse response) {
            headers.countDown();
        }

        @Override
        public void onStream(SdkPublisher<ByteBuffer> body) {
            body.subscribe(new Subscriber<ByteBuffer>() {
                private long bytes;

                @Override
                @SuppressWarnings("FutureReturnValueIgnored") // request() cannot fail; the body's end is the result
                public void onSubscribe(Subscription s) {
                    release.thenRun(() -> s.request(Long.MAX_VALUE));
                }

                @Override
                public void onNext(ByteBuffer b) {
                    bytes += b.remaining();
                }

                @Override
                public void onError(Throwable t) {
                    result.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    result.complete(bytes);
                }
            });
        }

        @Override
        public void exceptionOccurred(Throwable error) {
            result.completeExceptionally(error);
        }
    }
}
