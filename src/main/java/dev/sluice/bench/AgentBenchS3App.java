package dev.sluice.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * {@code bench agent}'s S3 user app: the AWS SDK used the plain way, nothing of Sluice. One
 * {@code S3AsyncClient} on Netty lists a prefix, then reads every object {@code ways}-way with
 * {@code toBytes()}, a pass each time the bench asks ({@link AgentBenchFigures#serve}).
 * Arguments: endpoint bucket prefix ways; credentials from the environment
 * ({@link #KEY_ID}, {@link #SECRET}), as a job takes them.
 */
public final class AgentBenchS3App {

    static final String KEY_ID = "BENCH_APP_KEY_ID";
    static final String SECRET = "BENCH_APP_SECRET";
    static final String USAGE = "usage: AgentBenchS3App ENDPOINT BUCKET PREFIX WAYS";

    private AgentBenchS3App() {
    }

    public static void main(String[] args) throws Exception {
        AgentBenchFigures figures = new AgentBenchFigures();
        if (args.length != 4) {
            throw new IllegalArgumentException(USAGE + " (got " + args.length + " arguments)");
        }
        String bucket = args[1];
        int ways = Integer.parseInt(args[3]);
        try (S3AsyncClient s3 = S3AsyncClient.builder().httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(ways))
                .endpointOverride(URI.create(args[0])).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(System.getenv(KEY_ID), System.getenv(SECRET))))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build()) {
            figures.firstRequest();
            List<String> keys = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(args[2])).contents()
                    .subscribe(o -> keys.add(o.key())).get();
            figures.serve(() -> readAll(s3, bucket, keys, ways));
        }
    }

    private static long readAll(S3AsyncClient s3, String bucket, List<String> keys, int ways) throws Exception {
        Semaphore inFlight = new Semaphore(ways);
        AtomicLong bytes = new AtomicLong();
        List<CompletableFuture<?>> reads = new ArrayList<>();
        for (String key : keys) {
            inFlight.acquire();
            reads.add(s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes())
                    .whenComplete((r, e) -> {
                        inFlight.release();
                        if (r != null) {
                            bytes.addAndGet(r.asByteArrayUnsafe().length);
                        }
                    }));
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get();
        return bytes.get();
    }
}
