package dev.sluice.agent;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.Operation;
import io.delta.standalone.OptimisticTransaction;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.actions.Metadata;
import io.delta.standalone.types.LongType;
import io.delta.standalone.types.StructField;
import io.delta.standalone.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * A user app on plain delta-standalone (no Sluice): {@link #WRITERS} pool threads each add a file to a
 * table. {@code race}: every writer finds no table and creates it, all at once; the job keeps no
 * eye on the futures (shutdown and wait), so the losers' failures are never read. {@code create-once}
 * (the healthy twin): the main thread creates the table, the writers append blindly, every future is
 * read. Exits {@link UserApps#WORK_FAILED} when the healthy twin's work fails. Arguments: dir mode.
 */
public final class DeltaCreateApp {

    private static final int WRITERS = 3;
    private static final StructType SCHEMA = new StructType(new StructField[] {new StructField("id", new LongType())});

    private DeltaCreateApp() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean race = args[1].equals("race");
        Configuration conf = new Configuration();
        // the healthy twin shares one DeltaLog, as one process should: the default local store is safe only within
        // one store, and writers with a log each can tear a commit's .crc (a ChecksumException seen once in CI)
        DeltaLog shared = race ? null : DeltaLog.forTable(conf, dir.toString());
        if (!race) {
            commit(shared, dir, "main", null);
        }
        CyclicBarrier together = new CyclicBarrier(WRITERS);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<Long>> writes = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String writer = "writer-" + w;
            writes.add(pool.submit(() -> commit(race ? DeltaLog.forTable(conf, dir.toString()) : shared, dir, writer,
                    race ? together : null)));
        }
        pool.shutdown();
        if (!pool.awaitTermination(100, TimeUnit.SECONDS)) {
            System.exit(UserApps.WORK_FAILED);
        }
        if (!race) {
            for (Future<Long> write : writes) {
                write.get(); // throws, and the job fails, if a write failed
            }
            handledFailureOfMinimalStage();
        }
    }

    /**
     * A failure read by a callback on a minimal stage, whose {@code isCompletedExceptionally} throws: the stage
     * {@code thenApply} makes fails with nothing waiting, then {@code exceptionally} handles it, so no finding.
     */
    private static void handledFailureOfMinimalStage() {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        CompletionStage<Integer> failed = source.minimalCompletionStage().thenApply(v -> {
            throw new IllegalStateException("handled by the job");
        });
        source.complete(1); // the dependent stage fails now, with nothing waiting on it
        failed.exceptionally(failure -> 0).toCompletableFuture().join();
    }

    /** Adds one file; with {@code together}, creates the table too, once every writer has read it missing. */
    private static long commit(DeltaLog log, Path dir, String writer, CyclicBarrier together) throws Exception {
        String file = "part-" + writer + ".parquet";
        Files.createDirectories(dir);
        Files.write(dir.resolve(file), new byte[16]);
        OptimisticTransaction txn = log.startTransaction();
        boolean create = txn.readVersion() < 0;
        if (create) {
            txn.updateMetadata(Metadata.builder().schema(SCHEMA).build());
        }
        if (together != null) {
            together.await(30, TimeUnit.SECONDS);
        }
        AddFile add = new AddFile(file, Map.of(), 16, System.currentTimeMillis(), true, null, Map.of());
        return txn.commit(List.of(add), new Operation(create ? Operation.Name.CREATE_TABLE : Operation.Name.WRITE), "user-app/1.0")
                .getVersion();
    }
}
