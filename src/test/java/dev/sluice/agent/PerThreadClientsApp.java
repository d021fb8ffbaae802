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
 * A user app with the per-thread client hazard: each pool thread caches its own client in a
 * ThreadLocal and never closes it; the pool ends, the clients stay open (CLIENT_LEAKED).
 * Arguments: endpoint bucket key.
 */
public final class PerThreadClientsApp {

    private static final int THREADS = 3;
    private static final ThreadLocal<S3AsyncClient> CLIENT = new ThreadLocal<>();

    private PerThreadClientsApp() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> reads = new ArrayList<>();
        for (int i = 0; i < THREADS * 2; i++) {
            reads.add(pool.submit(() -> {
                if (CLIENT.get() == null) {
                    CLIENT.set(UserApps.client(args[0]));
                }
                return CLIENT.get().getObject(r -> r.bucket(args[1]).key(args[2]), AsyncResponseTransformer.toBytes())
                        .join().asByteArrayUnsafe().length;
            }));
        }
        for (Future<Integer> read : reads) {
            if (read.get(60, TimeUnit.SECONDS) == 0) {
                System.exit(UserApps.WORK_FAILED);
            }
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            System.exit(UserApps.WORK_FAILED);
        }
        // the pool's threads have ended with their clients open; the JVM exits with them leaked
        System.exit(0);
    }
}
