package dev.sluice.engine.delta;

import dev.sluice.event.DeltaEvent;
import dev.sluice.event.DeltaEvent.CommitOperation;
import dev.sluice.event.Emitter;
import io.delta.standalone.CommitResult;
import io.delta.standalone.DeltaLog;
import io.delta.standalone.Operation;
import io.delta.standalone.OptimisticTransaction;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.actions.Metadata;
import io.delta.standalone.exceptions.DeltaConcurrentModificationException;
import io.delta.standalone.expressions.Literal;
import io.delta.standalone.types.StringType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;

/**
 * One writer appending batches to one table through a {@code DeltaLog}: writes the batch's Parquet
 * file once, then attempts the commit — reporting every attempt, its read and attempted version,
 * its outcome and, on a conflict, the commit it lost to — and retries conflicts when its policy
 * says so. Runs on the writer's own thread, so events carry that thread.
 */
public final class TableWriter {

    /** What a commit does besides adding the batch's file. */
    public enum Mode {
        /** Adds a file without reading the table: never conflicts with other appends. */
        BLIND_APPEND,
        /** Reads the whole table first (as a MERGE or a dedup would): conflicts with concurrent appends. */
        READ_APPEND,
        /** Adds a column of its own to the schema in the same commit. */
        EVOLVE_SCHEMA
    }

    /**
     * @param maxRetries conflicts retried per batch (0: none)
     * @param backoff    first pause before a retry; doubles per retry, capped at 1 s, with jitter
     * @param mayCreate  whether this writer may create the table when it does not exist
     */
    public record Policy(int maxRetries, Duration backoff, boolean mayCreate) { }

    /** Choreography hook: called before an attempt reads the table and again before it commits. */
    @FunctionalInterface
    public interface Gate {
        Gate OPEN = (step, batch, retry) -> { };

        /** Where in an attempt the writer is. */
        enum Step { BEFORE_READ, BEFORE_COMMIT }

        void await(Step step, RowBatch batch, int retry) throws InterruptedException;
    }

    /** A commit this writer made. */
    public record Ack(RowBatch batch, long version, String file) { }

    private static final String ENGINE_INFO = "Sluice/delta-engine";

    private final DeltaLog log;
    private final URI table;
    private final String writer;
    private final Emitter emitter;
    private final int payloadBytes;
    private final DataFiles files;
    private final Configuration conf;
    private final boolean onS3;

    /** A writer of a {@code file:} table. */
    public TableWriter(DeltaLog log, URI table, String writer, Emitter emitter, int payloadBytes) {
        this(log, table, writer, emitter, payloadBytes, null);
    }

    /** A writer of a table anywhere: {@code conf} is the tables' configuration (required for {@code s3:}). */
    public TableWriter(DeltaLog log, URI table, String writer, Emitter emitter, int payloadBytes, Configuration conf) {
        this.log = log;
        this.table = table;
        this.writer = writer;
        this.emitter = emitter;
        this.payloadBytes = payloadBytes;
        this.files = new DataFiles(table, conf);
        this.conf = conf;
        this.onS3 = LogStoreKind.Scheme.of(table).onS3();
    }

    public String writer() {
        return writer;
    }

    /** Creates the table with Sluice's schema and no rows (batch {@code <writer>/create}); returns its version. */
    public long createTable() throws Exception {
        String batch = writer + "/create";
        String attempt = batch + "/r0";
        long readVersion = -2;
        try {
            OptimisticTransaction txn = log.startTransaction();
            readVersion = txn.readVersion();
            if (readVersion >= 0) {
                throw new IllegalStateException(table + " already exists (version " + readVersion + ")");
            }
            txn.updateMetadata(Metadata.builder().schema(ParquetRows.DELTA_SCHEMA).build());
            emitter.emit(new DeltaEvent.CommitAttempted(writer, table.toString(), attempt, batch, CommitOperation.CREATE_TABLE,
                    readVersion, 0, 0));
            CommitResult result = txn.commit(List.of(), new Operation(Operation.Name.CREATE_TABLE, Map.of(), Map.of(),
                    Optional.of(CommitProbe.userMetadata(writer))), ENGINE_INFO);
            emitter.emit(new DeltaEvent.CommitSucceeded(writer, table.toString(), attempt, batch, result.getVersion(),
                    readVersion, 0, 0, 0, 0, true, true));
            return result.getVersion();
        } catch (Exception e) {
            reportFailure(attempt, batch, readVersion, 0, e);
            throw e;
        }
    }

    /**
     * Writes {@code batch} and commits it. Returns the acknowledgement, or throws the last failure
     * (a {@link DeltaConcurrentModificationException} subclass for conflicts) after reporting it.
     */
    public Ack append(RowBatch batch, Mode mode, Policy policy, Gate gate) throws Exception {
        String name = "part-" + batch.writer() + "-b" + batch.index() + "-" + UUID.randomUUID() + ".snappy.parquet";
        ParquetRows.Written written = files.write(name, batch, payloadBytes);
        AddFile add = new AddFile(name, Map.of(), written.bytes(), written.modifiedMillis(), true, FileStats.json(written),
                null);
        for (int retry = 0; ; retry++) {
            String attempt = batch.id() + "/r" + retry;
            long readVersion = -2;
            CommitOperation operation = CommitOperation.WRITE;
            try {
                gate.await(Gate.Step.BEFORE_READ, batch, retry);
                OptimisticTransaction txn = log.startTransaction();
                readVersion = txn.readVersion();
                boolean creating = readVersion == -1;
                boolean evolving = mode == Mode.EVOLVE_SCHEMA && !creating;
                if (creating) {
                    if (!policy.mayCreate()) {
                        throw new IllegalStateException(table + " does not exist and " + writer
                                + " may not create it: under first-writer-creates only the first writer creates tables");
                    }
                    txn.updateMetadata(Metadata.builder().schema(ParquetRows.DELTA_SCHEMA).build());
                    operation = CommitOperation.CREATE_TABLE;
                } else if (evolving) {
                    Metadata current = txn.metadata();
                    txn.updateMetadata(current.copyBuilder()
                            .schema(current.getSchema().add("tag_" + writer.replace('-', '_'), new StringType(), true))
                            .build());
                    operation = CommitOperation.ADD_COLUMNS;
                }
                if (mode == Mode.READ_APPEND) {
                    txn.markFilesAsRead(Literal.True);
                }
                emitter.emit(new DeltaEvent.CommitAttempted(writer, table.toString(), attempt, batch.id(), operation,
                        readVersion, retry, batch.rows()));
                gate.await(Gate.Step.BEFORE_COMMIT, batch, retry);
                Operation op = new Operation(creating ? Operation.Name.CREATE_TABLE
                        : evolving ? Operation.Name.ADD_COLUMNS : Operation.Name.WRITE,
                        Map.of(), Map.of(), Optional.of(CommitProbe.userMetadata(writer)));
                CommitResult result = txn.commit(List.of(add), op, ENGINE_INFO);
                emitter.emit(new DeltaEvent.CommitSucceeded(writer, table.toString(), attempt, batch.id(),
                        result.getVersion(), readVersion, retry, batch.rows(), 1, written.bytes(), creating, creating || evolving));
                return new Ack(batch, result.getVersion(), name);
            } catch (DeltaConcurrentModificationException conflict) {
                reportFailure(attempt, batch, readVersion, retry, conflict);
                if (retry >= policy.maxRetries()) {
                    abandon(batch, retry + 1, conflict);
                    throw conflict;
                }
                Thread.sleep(backoffMillis(policy.backoff(), retry));
            } catch (InterruptedException e) {
                abandon(batch, retry + 1, e);
                throw e;
            } catch (Exception e) {
                reportFailure(attempt, batch, readVersion, retry, e);
                abandon(batch, retry + 1, e);
                throw e;
            }
        }
    }

    private void reportFailure(String attempt, RowBatch batch, long readVersion, int retry, Exception e) {
        reportFailure(attempt, batch.id(), readVersion, retry, e);
    }

    private void reportFailure(String attempt, String batch, long readVersion, int retry, Exception e) {
        long attempted = readVersion + 1;
        CommitProbe.Winner winner = e instanceof DeltaConcurrentModificationException
                ? CommitProbe.winnerAt(log, attempted) : new CommitProbe.Winner(-1, "", "");
        // on S3 the message of S3A's and the SDK's wrapped exceptions is told as what happened to the table
        String message = onS3 && S3Trouble.of(e) != S3Trouble.OTHER ? S3Trouble.explain(e, table, conf)
                : firstLine(e.getMessage());
        emitter.emit(new DeltaEvent.CommitFailed(writer, table.toString(), attempt, batch, e.getClass().getName(),
                message, winner.writer(), winner.operation(), readVersion, attempted,
                winner.version(), retry));
    }

    private void abandon(RowBatch batch, int attempts, Exception e) {
        emitter.emit(new DeltaEvent.WriteAbandoned(writer, table.toString(), batch.id(),
                e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), attempts, batch.rows()));
    }

    private static long backoffMillis(Duration base, int retry) {
        long cap = Math.min(1000, base.toMillis() << Math.min(retry, 10));
        return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
