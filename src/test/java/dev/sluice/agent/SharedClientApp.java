package dev.sluice.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The healthy twin: one client for all pool threads, closed by the thread that built it after the
 * pool is done. Exits {@link UserApps#WORK_FAILED} if any read comes back wrong.
 * Arguments: endpoint bucket key size.
 */
public final class SharedClientApp {

    private static final int THREADS = 3;

    private SharedClientApp() {
    }

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[3]);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (S3AsyncClient client = UserApps.client(args[0])) {
            List<Future<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < THREADS * 2; i++) {
                reads.add(pool.submit(() -> client.getObject(r -> r.bucket(args[1]).key(args[2]),
                        AsyncResponseTransformer.toBytes()).join().asByteArrayUnsafe().length));
            }
            for (Future<Integer> read : reads) {
                if (read.get(60, TimeUnit.SECONDS) != size) {
                    System.exit(UserApps.WORK_FAILED);
                }
            }
            pool.shutdown();
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                System.exit(UserApps.WORK_FAILED);
            }
        }
    }
}
