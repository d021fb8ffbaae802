package dev.sluice.event;


/**
 * Events of the Delta writer: logs opened, every commit attempt and its outcome, tasks handed to
 * executors and whether anyone looked at their result, and the verify step that proves the table
 * holds exactly the acknowledged writes. Tables are named by URI ({@code file:///...}).
 */
public sealed interface DeltaEvent extends EventBody permits DeltaEvent.LogOpened,
        DeltaEvent.CommitAttempted, DeltaEvent.CommitSucceeded, DeltaEvent.CommitFailed,
        DeltaEvent.WriteAbandoned, DeltaEvent.TaskSubmitted, DeltaEvent.TaskFinished, DeltaEvent.TaskObserved,
        DeltaEvent.ExecutorShutdown, DeltaEvent.RowsMissing, DeltaEvent.RowsDuplicated,
        DeltaEvent.VerifyFailed, DeltaEvent.VerifyCompleted, DeltaEvent.CommitLogged, DeltaEvent.FileLogged,
        DeltaEvent.CheckpointLogged, DeltaEvent.LogUnreadable {

    @Override
    default Engine engine() {
        return Engine.DELTA;
    }

    /**
     * A writer got a {@code DeltaLog} for a table. {@code logInstance} tells shared from separate
     * logs: writers that share one log report the same instance.
     *
     * @param logStore the log store class that publishes its commits
     */
    record LogOpened(String writer, String table, String logInstance, String logStore) implements DeltaEvent { }

    /**
     * A writer began a transaction attempt that read {@code readVersion} (-1: no table yet).
     *
     * @param attempt   unique per attempt
     * @param batch     the rows it carries ({@code writer-3/b0}); retries of a batch share it
     * @param operation {@code CREATE TABLE}, {@code WRITE} or {@code ADD COLUMNS}
     */
    record CommitAttempted(String writer, String table, String attempt, String batch, CommitOperation operation,
                           @Signed long readVersion, int retry, long rows) implements DeltaEvent { }

    /** An attempt committed {@code version}; its rows are acknowledged. */
    record CommitSucceeded(String writer, String table, String attempt, String batch, long version,
                           @Signed long readVersion, int retry, long rows, int files, long bytes, boolean createdTable,
                           boolean changedSchema) implements DeltaEvent { }

    /**
     * An attempt failed. The winner fields name the commit that took {@code attemptedVersion}, read
     * from the log ({@code winningVersion} -1 when it could not be read).
     */
    record CommitFailed(String writer, String table, String attempt, String batch, String exception,
                        String message, String winningWriter, String winningOperation, @Signed long readVersion,
                        long attemptedVersion, @Signed long winningVersion, int retry) implements DeltaEvent { }

    /** A batch was given up after {@code attempts} attempts (retry cap reached, or no retries). */
    record WriteAbandoned(String writer, String table, String batch, String reason, int attempts, long rows)
            implements DeltaEvent { }

    /** A task was handed to the executor {@code pool}. */
    record TaskSubmitted(String pool, String task, String writer) implements DeltaEvent { }

    /** @param outcome {@code ok} or {@code failed} */
    record TaskFinished(String pool, String task, TaskOutcome outcome, String exception, String message)
            implements DeltaEvent { }

    /** Someone looked at the task's result: {@code how} is {@code get}, {@code join} or {@code callback}. */
    record TaskObserved(String pool, String task, Observation how) implements DeltaEvent { }

    /** The executor shut down; tasks whose failure nobody read are lost from here on. */
    record ExecutorShutdown(String pool, int submitted, int failed, int observed) implements DeltaEvent { }

    /**
     * Verify found rows {@code fromSeq..toSeq} of {@code writer} absent from the table.
     *
     * @param reason {@code acknowledged} (committed, then lost), {@code failure-unobserved} (the
     *               attempt failed and nobody read it), {@code failure-surfaced} (explained) or
     *               {@code gap} (a hole in a writer's sequence numbers, verify without a record of the writes)
     * @param file   the data file that held them, when one was committed
     */
    record RowsMissing(String table, String writer, MissingReason reason, String file, long fromSeq, long toSeq, long rows)
            implements DeltaEvent { }

    /** Verify found rows {@code fromSeq..toSeq} of {@code writer} {@code copies} times. */
    record RowsDuplicated(String table, String writer, long fromSeq, long toSeq, long copies) implements DeltaEvent { }

    /** Verify could not read the table: its log or a data file is unreadable. */
    record VerifyFailed(String table, String stage, String exception, String message) implements DeltaEvent { }

    /**
     * Verify compared the table with the writes.
     *
     * @param outcome {@code passed}, {@code explained} (only surfaced failures are missing), {@code failed}
     *                or {@code unreadable} (see {@link VerifyFailed})
     */
    record VerifyCompleted(String table, VerifyOutcome outcome, @Signed long tableVersion, long intendedRows, long acknowledgedRows,
                           long foundRows, long missingRows, long unexplainedRows, long duplicatedRows,
                           int dataFiles, int missingFiles) implements DeltaEvent { }

    /**
     * A commit as the table's log records it (an imported log: winners only, failed attempts leave no
     * trace there). Text the log does not hold is empty; numbers it does not hold are -1.
     *
     * @param timestampMillis commitInfo's timestamp, else the commit file's modification time
     * @param operation       as the writer named it ({@code WRITE}, {@code MERGE}, {@code STREAMING UPDATE})
     * @param writer          who committed: Sluice's writer name, else the txn appId, engineInfo or txnId
     *                        (the trace's eight text slots leave no room for txnId on its own)
     * @param readVersion     the version the transaction read, -1 when the writer did not record it
     * @param txnAppId        the {@code txn} action's appId (idempotent writes), empty when none
     * @param tableId         {@code metaData.id} when this commit has a metaData action
     * @param protocol        the new protocol ({@code reader 1, writer 2}) when this commit has one
     */
    record CommitLogged(String table, long version, @Signed long timestampMillis, String operation, String writer,
                        String engineInfo, @Signed long readVersion, LoggedFlag blindAppend,
                        String txnAppId, @Signed long txnVersion, long filesAdded, long filesRemoved, long bytesAdded,
                        @Signed long rowsAdded, String tableId, boolean schemaChanged, String protocol)
            implements DeltaEvent { }

    /** One {@code add} or {@code remove} action of commit {@code version}; {@code size} -1 when not recorded. */
    record FileLogged(String table, long version, FileAction action, String path, boolean dataChange,
                      @Signed long size) implements DeltaEvent { }

    /**
     * A checkpoint of {@code version} is in the log: readers start there, so commit files up to it
     * may have been cleaned up.
     *
     * @param latest {@code _last_checkpoint} names it
     */
    record CheckpointLogged(String table, long version, int parts, long bytes, boolean latest) implements DeltaEvent { }

    /**
     * The commit file of {@code version} cannot be read: its {@code line} (1-based, 0 for the whole
     * file) is not a valid action, so nothing of that commit is known.
     */
    record LogUnreadable(String table, long version, String file, int line, String problem) implements DeltaEvent { }

    /** Whether a commit's log entry says so: {@code true}, {@code false} or not recorded. */
    enum LoggedFlag implements EventEnum { TRUE, FALSE, UNRECORDED }

    /** A data file action in the log. */
    enum FileAction implements EventEnum { ADD, REMOVE }

    /** What a commit attempt does, as Delta names the operation in its log. */
    enum CommitOperation implements EventEnum {
        CREATE_TABLE("CREATE TABLE"),
        WRITE("WRITE"),
        ADD_COLUMNS("ADD COLUMNS");

        private final String id;

        CommitOperation(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** How a task handed to an executor ended. */
    enum TaskOutcome implements EventEnum { OK, FAILED }

    /** How someone looked at a task's result. */
    enum Observation implements EventEnum { GET, JOIN, CALLBACK }

    /** Why rows may be absent from the table; only {@link #FAILURE_SURFACED} explains an absence. */
    enum MissingReason implements EventEnum {
        /** The commit was acknowledged: absent rows are lost writes. */
        ACKNOWLEDGED,
        /** The write failed and nobody read the failure: the job believes the rows are there. */
        FAILURE_UNOBSERVED,
        /** The write failed and the failure was reported: absent rows are expected. */
        FAILURE_SURFACED,
        /** Verify without a record of the writes: a hole in a writer's sequence numbers. */
        GAP;

        public boolean explains() {
            return this == FAILURE_SURFACED;
        }
    }

    /** How verify went. */
    enum VerifyOutcome implements EventEnum { PASSED, EXPLAINED, FAILED, UNREADABLE }
}
