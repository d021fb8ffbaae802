package dev.sluice.event;


/** Commit events of the Delta writer: attempts, their outcomes, tasks and the verify step. */
public sealed interface DeltaEvent extends EventBody permits DeltaEvent.CommitAttempted,
        DeltaEvent.CommitSucceeded, DeltaEvent.CommitFailed, DeltaEvent.TaskSubmitted,
        DeltaEvent.TaskFinished, DeltaEvent.TaskObserved, DeltaEvent.VerifyCompleted {

    @Override
    default Engine engine() {
        return Engine.DELTA;
    }

    /** A writer began a transaction attempt that read {@code readVersion} (-1: no table yet). */
    record CommitAttempted(String writer, String table, String attemptId, long readVersion,
                           int retry, String operation) implements DeltaEvent { }

    record CommitSucceeded(String writer, String table, String attemptId, long version, long rows,
                           int files) implements DeltaEvent { }

    /**
     * An attempt failed. The winner fields name the commit it lost to, read from the log
     * ({@code winningVersion} -1 when unknown).
     */
    record CommitFailed(String writer, String table, String attemptId, long readVersion,
                        long attemptedVersion, String exception, String message, long winningVersion,
                        String winningWriter, String winningOperation, int retry) implements DeltaEvent { }

    /** A task was handed to an executor; its future is {@code task}. */
    record TaskSubmitted(String task, String writer) implements DeltaEvent { }

    /** @param outcome {@code ok} or {@code failed} */
    record TaskFinished(String task, String outcome, String exception, String message) implements DeltaEvent { }

    /** Someone looked at the task's result ({@code get}, {@code join} or a callback). */
    record TaskObserved(String task, String how) implements DeltaEvent { }

    /**
     * Verify compared the table with the acknowledged writes.
     *
     * @param missingRows  a short list of missing (writer:seq) ranges
     */
    record VerifyCompleted(String table, long tableVersion, long acknowledgedRows, long foundRows,
                           long missing, long duplicated, String missingRows, String outcome) implements DeltaEvent { }
}
