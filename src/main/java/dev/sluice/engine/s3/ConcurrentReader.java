package dev.sluice.engine.s3;

import dev.sluice.event.Emitter;
import dev.sluice.event.S3Event.Lifecycle;
import dev.sluice.event.S3Event.RequestOutcome;
import dev.sluice.event.S3Event.ThreadRole;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a prefix and reads every object (whole, or in ranged parts when large) with N requests in
 * flight, on a pool of its own threads, with clients made and kept as the {@link Lifecycle} says.
 * Every listed object gets a result; a read that cannot go on (server gone) reports each object it
 * could not read. Ends by itself: each request is bounded by the client's {@code apiCallTimeout}.
 */
public final class ConcurrentReader {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentReader.class);
    private static final AtomicInteger READERS = new AtomicInteger();
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final S3ClientFactory factory;
    private final ReaderConfig config;
    private final Emitter emitter;

    public ConcurrentReader(S3ClientFactory factory, ReaderConfig config, Emitter emitter) {
        this.factory = factory;
        this.config = config;
        this.emitter = emitter;
    }

    /** Reads everything under the target's prefix. {@code listener} runs on completion threads: keep it short. */
    public ReadReport read(Consumer<ObjectResult> listener, BooleanSupplier stop) throws S3EngineException, InterruptedException {
        List<ListedObject> objects = PrefixLister.list(factory, config.client());
        if (objects.isEmpty()) {
            throw new S3EngineException("nothing to read: no objects under " + factory.target().where());
        }
        Map<String, Integer> partsPerKey = new LinkedHashMap<>();
        List<Part> parts = plan(objects, partsPerKey);
        ObjectTracker tracker = new ObjectTracker(objects, partsPerKey, listener);
        Queue<Part> queue = new ConcurrentLinkedQueue<>(parts);
        CountDownLatch done = new CountDownLatch(parts.size());
        Consumer<PartResult> record = r -> {
            try {
                tracker.record(r);
            } finally {
                done.countDown();
            }
        };
        ClientOptions opts = config.client();
        S3ClientHandle shared = opts.lifecycle() == Lifecycle.SHARED ? factory.create(opts) : null;
        List<S3ClientHandle> perThread = Collections.synchronizedList(new ArrayList<>());
        Map<Thread, S3ClientHandle> cached = new ConcurrentHashMap<>(); // this run's client of each pool thread
        Semaphore permits = new Semaphore(config.concurrency());
        ExecutorService pool = Executors.newFixedThreadPool(config.workers(), new ProbedThreadFactory(
                "s3-reader-" + READERS.incrementAndGet(), ThreadRole.POOL, "", emitter, factory.registry()));
        long t0 = System.nanoTime();
        long elapsed;
        try {
            for (int w = 0; w < config.workers(); w++) {
                pool.execute(() -> work(queue, stop, shared, cached, perThread, permits, record));
            }
            pool.shutdown();
            awaitAll(done, pool, stop);
            elapsed = System.nanoTime() - t0;
        } finally {
            pool.shutdownNow();
            // parts never issued (stop requested, or a worker died) still get a result
            for (Part p = queue.poll(); p != null; p = queue.poll()) {
                record.accept(new PartResult(p, null, 0, null, new S3EngineException("not read: the run was stopped"), 0,
                        RequestOutcome.FAILED));
            }
            if (!pool.awaitTermination(opts.apiCallTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                LOG.warn("reader pool threads still running {} ms after the read ended", opts.apiCallTimeout().toMillis() + 5_000);
            }
            if (shared != null) {
                shared.close();
            }
        }
        List<ObjectResult> results = tracker.results();
        long bytes = results.stream().mapToLong(ObjectResult::bytesRead).sum();
        long[] pct = tracker.latencyPercentiles();
        return new ReadReport(results, bytes, elapsed, tracker.requests(), pct[0], pct[1], List.copyOf(perThread));
    }

    private List<Part> plan(List<ListedObject> objects, Map<String, Integer> partsPerKey) {
        List<Part> parts = new ArrayList<>();
        for (ListedObject o : objects) {
            if (o.size() <= config.partSize()) {
                parts.add(new Part(o.key(), o.size(), 0, o.size(), o.etag()));
                partsPerKey.put(o.key(), 1);
            } else {
                int n = 0;
                for (long start = 0; start < o.size(); start += config.partSize()) {
                    parts.add(new Part(o.key(), o.size(), start, Math.min(config.partSize(), o.size() - start), o.etag()));
                    n++;
                }
                partsPerKey.put(o.key(), n);
            }
        }
        return parts;
    }

    private void work(Queue<Part> queue, BooleanSupplier stop, S3ClientHandle shared, Map<Thread, S3ClientHandle> cached,
                      List<S3ClientHandle> perThread, Semaphore permits, Consumer<PartResult> record) {
        while (!stop.getAsBoolean()) {
            Part part = queue.poll();
            if (part == null) {
                return;
            }
            try {
                readOne(part, shared, cached, perThread, permits, record);
            } catch (InterruptedException e) {
                record.accept(new PartResult(part, null, 0, null, new S3EngineException("not read: the reader was interrupted"), 0,
                        RequestOutcome.FAILED));
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // e.g. a client that could not be built: this part fails, the others go on
                record.accept(new PartResult(part, null, 0, null, e, 0, RequestOutcome.FAILED));
            }
        }
    }

    private void readOne(Part part, S3ClientHandle shared, Map<Thread, S3ClientHandle> cached, List<S3ClientHandle> perThread,
                         Semaphore permits, Consumer<PartResult> record) throws InterruptedException {
        ClientOptions opts = config.client();
        boolean async = opts.kind().async();
        if (opts.lifecycle() == Lifecycle.PER_REQUEST) {
            // the worker waits for its own request so it can close the client on this thread
            try (S3ClientHandle client = factory.create(opts)) {
                record.accept(async ? client.readAsync(part, config.digest()).join() : client.readSync(part, config.digest()));
            }
            return;
        }
        S3ClientHandle client = shared != null ? shared : perThreadClient(cached, perThread);
        if (!async) {
            record.accept(client.readSync(part, config.digest()));
            return;
        }
        permits.acquire();
        client.readAsync(part, config.digest()).handle((r, e) -> {
            permits.release();
            // readAsync ends in a result even when the request fails; e is a failure in finishing it
            record.accept(e == null ? r : new PartResult(part, "", 0, null, e, 0, RequestOutcome.FAILED));
            return null;
        }).exceptionally(e -> {
            LOG.error("recording the result of part {} failed", part.key(), e);
            return null;
        });
    }

    private S3ClientHandle perThreadClient(Map<Thread, S3ClientHandle> cached, List<S3ClientHandle> perThread) {
        S3ClientHandle c = cached.get(Thread.currentThread());
        if (c == null) {
            // the iceberg-python pattern: one client per pool thread, cached and never closed
            c = factory.create(config.client());
            cached.put(Thread.currentThread(), c);
            perThread.add(c);
        }
        return c;
    }

    /**
     * Waits until every part has a result. Once the pool has issued everything (or a stop was
     * asked), what is still in flight gets at most apiCallTimeout + grace: it cannot hang.
     */
    private void awaitAll(CountDownLatch done, ExecutorService pool, BooleanSupplier stop) throws InterruptedException {
        long deadline = Long.MAX_VALUE;
        while (!done.await(50, TimeUnit.MILLISECONDS)) {
            if (deadline == Long.MAX_VALUE && (stop.getAsBoolean() || pool.isTerminated())) {
                deadline = System.nanoTime() + config.client().apiCallTimeout().toNanos() + GRACE_NANOS;
            }
            if (System.nanoTime() > deadline) {
                LOG.warn("{} parts still without a result {} ms after the last was issued", done.getCount(),
                        TimeUnit.NANOSECONDS.toMillis(config.client().apiCallTimeout().toNanos() + GRACE_NANOS));
                return;
            }
        }
    }
}
