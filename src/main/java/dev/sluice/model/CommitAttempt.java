package dev.sluice.model;

/**
 * One Delta transaction attempt of a writer: read {@code readVersion}, tried {@code attemptedVersion}
 * (-1 until known), ended {@code ok}, {@code failed} or {@code open}. When it failed,
 * {@code winningVersion}/{@code winningWriter} name the commit it lost to.
 */
public record CommitAttempt(String writer, String table, String attemptId, String operation, int retry,
                            long readVersion, long attemptedVersion, long startNanos, long endNanos, String outcome,
                            String exception, String message, long winningVersion, String winningWriter, long rows) {

    public static final String OPEN = "open";

    CommitAttempt succeeded(long nanos, long version, long rowCount) {
        return new CommitAttempt(writer, table, attemptId, operation, retry, readVersion, version, startNanos, nanos,
                "ok", null, null, -1, null, rowCount);
    }

    CommitAttempt failed(long nanos, long attempted, String error, String text, long winner, String winnerWriter) {
        return new CommitAttempt(writer, table, attemptId, operation, retry, readVersion, attempted, startNanos, nanos,
                "failed", error, text, winner, winnerWriter, 0);
    }
}
