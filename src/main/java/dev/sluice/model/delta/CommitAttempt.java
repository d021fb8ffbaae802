package dev.sluice.model.delta;

import java.util.Locale;

/**
 * One Delta transaction attempt of a writer: read {@code readVersion}, tried {@code attemptedVersion}
 * (-1 until known), and its {@link Outcome} so far. When it failed,
 * {@code winningVersion}/{@code winningWriter} name the commit it lost to.
 */
public record CommitAttempt(String writer, String table, String attemptId, String operation, int retry,
                            long readVersion, long attemptedVersion, long startNanos, long endNanos, Outcome outcome,
                            String exception, String message, long winningVersion, String winningWriter, long rows) {

    /** How an attempt stands: still open, committed, or failed. */
    public enum Outcome {
        OPEN, OK, FAILED;

        /** The lower-case word the views show. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    CommitAttempt succeeded(long nanos, long version, long rowCount) {
        return new CommitAttempt(writer, table, attemptId, operation, retry, readVersion, version, startNanos, nanos,
                Outcome.OK, null, null, -1, null, rowCount);
    }

    CommitAttempt failed(long nanos, long attempted, String error, String text, long winner, String winnerWriter) {
        return new CommitAttempt(writer, table, attemptId, operation, retry, readVersion, attempted, startNanos, nanos,
                Outcome.FAILED, error, text, winner, winnerWriter, 0);
    }
}
