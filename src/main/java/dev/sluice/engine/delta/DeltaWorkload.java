package dev.sluice.engine.delta;

import dev.sluice.event.DeltaEvent.MissingReason;
import dev.sluice.event.Emitter;
import io.delta.standalone.DeltaLog;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N writer threads appending batches to one table under a strategy, as a job with a thread pool
 * would. Every writer runs as a task of an {@link ObservedExecutor}; the workload then records
 * what became of every batch, for verify.
 */
public final class DeltaWorkload {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaWorkload.class);

    /** How writers share the work of creating and appending ({@code delta.strategy}). */
    public enum Strategy {
        /** Any writer may create the table or change its schema; failures are reported, not retried. */
        NAIVE,
        /** One writer creates the table first, then the rest append concurrently. */
        FIRST_WRITER_CREATES,
        /** Conflicts are retried with backoff up to a cap; every retry is visible. */
        RETRY,
        /** Writers run as pool tasks whose futures nobody reads (the seed's bug). */
        FIRE_AND_FORGET;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Strategy parse(String text) {
            for (Strategy s : values()) {
                if (s.id().equalsIgnoreCase(text.trim())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("delta.strategy must be naive, first-writer-creates, retry or "
                    + "fire-and-forget, got '" + text + "'");
        }
    }

    /** Whether writers share one {@code DeltaLog} (one process) or hold one each (separate processes). */
    public enum LogSharing { SHARED, PER_WRITER }

    /**
     * @param existingTable  create the table (no rows) before the writers start
     * @param togetherBatches the first this-many batches of every writer go in lock-step: all read
     *                       the table, then all commit (makes a race show the same way every run)
     */
    public record Config(URI table, int writers, int batches, int rowsPerBatch, int payloadBytes, Strategy strategy,
                         TableWriter.Mode mode, boolean existingTable, LogSharing logs, int maxRetries,
                         Duration backoff, int togetherBatches) {

        public Config {
            if (writers < 1 || batches < 1 || rowsPerBatch < 1) {
                throw new IllegalArgumentException("delta.writers, delta.batches and delta.rows must be at least 1");
            }
        }
    }

    /** What the run did: acknowledged commits, failed batches, and the plan verify checks against. */
    public record Outcome(List<TableWriter.Ack> acks, int failedBatches, List<String> unobservedTasks,
                          List<Expected> expected, long nanos) {

        public long acknowledgedRows() {
            return acks.stream().mapToLong(a -> a.batch().rows()).sum();
        }
    }

    private final Config config;
    private final DeltaTables tables;
    private final Emitter emitter;
    private final BooleanSupplier stop;

    public DeltaWorkload(Config config, DeltaTables tables, Emitter emitter, BooleanSupplier stop) {
        this.config = config;
        this.tables = tables;
        this.emitter = emitter;
        this.stop = stop;
    }

    public Outcome run() throws Exception {
        long t0 = System.nanoTime();
        List<TableWriter.Ack> acks = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        Map<String, Integer> firstConcurrentBatch = new HashMap<>(); // filled before the writers start
        if (config.existingTable()) {
            writerFor("setup").createTable();
        } else if (config.strategy() == Strategy.FIRST_WRITER_CREATES) {
            // the fix the seed arrived at: one writer creates the table alone, then everyone appends
            acks.add(writerFor(writerName(0)).append(RowBatch.of(writerName(0), 0, config.rowsPerBatch()),
                    TableWriter.Mode.BLIND_APPEND, policy(true), TableWriter.Gate.OPEN));
            firstConcurrentBatch.put(writerName(0), 1);
        }
        Phaser together = new Phaser(config.writers());
        List<String> unobserved;
        List<ObservedExecutor.Task<Integer>> tasks = new ArrayList<>();
        ObservedExecutor pool = new ObservedExecutor("delta-writers", config.writers(), emitter);
        try {
            for (int w = 0; w < config.writers(); w++) {
                String writer = writerName(w);
                int start = firstConcurrentBatch.getOrDefault(writer, 0);
                tasks.add(pool.submit(writer + "/task", writer, () -> writeAll(writer, start, together, acks, failed)));
            }
            if (config.strategy() == Strategy.FIRE_AND_FORGET) {
                // the seed's job: wait for the pool to drain, never ask a future for its result
                pool.awaitAll(TimeUnit.MINUTES.toMillis(5));
            } else {
                for (ObservedExecutor.Task<Integer> t : tasks) {
                    try {
                        t.get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("writer task " + t.id() + " died", e.getCause());
                    }
                }
            }
            unobserved = pool.unobservedFailures();
        } finally {
            pool.close();
        }
        return new Outcome(List.copyOf(acks), failed.get(), unobserved, plan(acks, pool, tasks),
                System.nanoTime() - t0);
    }

    private int writeAll(String writer, int start, Phaser together, List<TableWriter.Ack> acks, AtomicInteger failed)
            throws Exception {
        TableWriter tw = writerFor(writer);
        boolean registered = true;
        int written = 0;
        try {
            for (int b = start; b < config.batches() && !stop.getAsBoolean(); b++) {
                boolean inStep = b - start < config.togetherBatches();
                if (registered && !inStep) {
                    together.arriveAndDeregister();
                    registered = false;
                }
                TableWriter.Mode mode = config.mode() == TableWriter.Mode.EVOLVE_SCHEMA && b != start
                        ? TableWriter.Mode.BLIND_APPEND : config.mode();
                TableWriter.Gate gate = inStep ? (step, batch, retry) -> awaitTogether(together, retry)
                        : TableWriter.Gate.OPEN;
                try {
                    acks.add(tw.append(RowBatch.of(writer, b, config.rowsPerBatch()), mode,
                            policy(config.strategy() != Strategy.FIRST_WRITER_CREATES), gate));
                    written++;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    failed.incrementAndGet();
                    if (config.strategy() == Strategy.FIRE_AND_FORGET) {
                        throw e; // the task dies; its remaining batches are never written
                    }
                    LOG.info("{} batch {} failed and was reported: {}", writer, b, e.toString());
                }
            }
        } finally {
            if (registered) {
                together.arriveAndDeregister();
            }
        }
        return written;
    }

    /**
     * All writers finish the previous step (retries included) before any reads, and all read before
     * any commits: every first attempt of a step reads the same version, so the same number lose.
     */
    private static void awaitTogether(Phaser together, int retry) throws InterruptedException {
        if (retry > 0) {
            return; // only first attempts go together; retries race freely
        }
        try {
            together.awaitAdvanceInterruptibly(together.arrive(), 60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("writers did not all reach the commit step within 60 s", e);
        }
    }

    private TableWriter.Policy policy(boolean mayCreate) {
        int retries = config.strategy() == Strategy.RETRY ? config.maxRetries() : 0;
        return new TableWriter.Policy(retries, config.backoff(), mayCreate);
    }

    private TableWriter writerFor(String writer) {
        DeltaLog log = config.logs() == LogSharing.SHARED ? tables.sharedLog(config.table(), writer)
                : tables.separateLog(config.table(), writer);
        return new TableWriter(log, config.table(), writer, emitter, config.payloadBytes(), tables.conf());
    }

    private List<Expected> plan(List<TableWriter.Ack> acks, ObservedExecutor pool,
                                List<ObservedExecutor.Task<Integer>> tasks) {
        Map<String, TableWriter.Ack> byBatch = new ConcurrentHashMap<>();
        acks.forEach(a -> byBatch.put(a.batch().id(), a));
        List<Expected> plan = new ArrayList<>();
        for (int w = 0; w < config.writers(); w++) {
            String writer = writerName(w);
            boolean silent = pool.failedUnobserved(tasks.get(w).id());
            for (int b = 0; b < config.batches(); b++) {
                RowBatch batch = RowBatch.of(writer, b, config.rowsPerBatch());
                TableWriter.Ack ack = byBatch.get(batch.id());
                plan.add(ack != null ? new Expected(batch, ack.file(), MissingReason.ACKNOWLEDGED, ack.version())
                        : new Expected(batch, null, silent ? MissingReason.FAILURE_UNOBSERVED : MissingReason.FAILURE_SURFACED));
            }
        }
        return plan;
    }

    public static String writerName(int w) {
        return "writer-" + w;
    }
}
