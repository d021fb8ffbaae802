package dev.sluice.bench;

import dev.sluice.engine.s3.S3Target;
import dev.sluice.engine.s3.SampleDataset;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The baseline: the AWS SDK used the plain way, without any of Sluice's code — a sync client on a
 * thread pool draining each body, and an async Netty client with {@code toBytes()}. Only the reads
 * are timed (client creation and close are not).
 */
final class PlainSdkReader {

    private final S3Target target;
    private final int ways;

    PlainSdkReader(S3Target target, int ways) {
        this.target = target;
        this.ways = ways;
    }

    double readSync(SampleDataset data) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ways);
        try (S3Client s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(target.endpoint()).region(Region.of(target.region()))
                .credentialsProvider(target.credentials()).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build()) {
            AtomicLong bytes = new AtomicLong();
            long t0 = System.nanoTime();
            List<Future<?>> reads = new ArrayList<>();
            for (int i = 0; i < data.objects(); i++) {
                String key = data.key(i);
                reads.add(pool.submit(() -> {
                    byte[] buf = new byte[256 * 1024];
                    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(data.bucket()).key(key))) {
                        bytes.addAndGet(drain(in, buf));
                    }
                    return null;
                }));
            }
            for (Future<?> f : reads) {
                f.get();
            }
            return mibPerSecond(bytes.get(), System.nanoTime() - t0, data);
        } finally {
            pool.shutdownNow();
        }
    }

    double readNetty(SampleDataset data) throws Exception {
        try (S3AsyncClient s3 = S3AsyncClient.builder().httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(ways))
                .endpointOverride(target.endpoint()).region(Region.of(target.region()))
                .credentialsProvider(target.credentials()).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build()) {
            Semaphore inFlight = new Semaphore(ways);
            AtomicLong bytes = new AtomicLong();
            List<CompletableFuture<?>> reads = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < data.objects(); i++) {
                inFlight.acquire();
                String key = data.key(i);
                reads.add(s3.getObject(b -> b.bucket(data.bucket()).key(key), AsyncResponseTransformer.toBytes())
                        .whenComplete((r, e) -> {
                            inFlight.release();
                            if (r != null) {
                                bytes.addAndGet(r.asByteArrayUnsafe().length);
                            }
                        }));
            }
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get();
            return mibPerSecond(bytes.get(), System.nanoTime() - t0, data);
        }
    }

    private static long drain(InputStream in, byte[] buf) throws IOException {
        long n = 0;
        int r;
        while ((r = in.read(buf)) >= 0) {
            n += r;
        }
        return n;
    }

    private static double mibPerSecond(long bytes, long nanos, SampleDataset data) {
        if (bytes != data.totalBytes()) {
            throw new IllegalStateException("plain SDK read " + bytes + " bytes, expected " + data.totalBytes());
        }
        return bytes / 1048576.0 / (nanos / 1e9);
    }
}
