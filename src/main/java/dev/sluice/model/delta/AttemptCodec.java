package dev.sluice.model.delta;

import dev.sluice.model.PackedLog;

/** {@link CommitAttempt}s as columns: the attempt id as text, writers, tables and errors in dictionaries. */
final class AttemptCodec implements PackedLog.Codec<CommitAttempt> {

    private static final CommitAttempt.Outcome[] OUTCOMES = CommitAttempt.Outcome.values();
    /** The string field holding the attempt id (as text: ids rarely repeat). */
    static final int ATTEMPT = 2;

    @Override
    public int longs() {
        return 8;
    }

    @Override
    public int strings() {
        return 7;
    }

    @Override
    public boolean unique(int field) {
        return field == ATTEMPT;
    }

    @Override
    @SuppressWarnings("EnumOrdinal") // in memory only, never persisted: the ordinal is read back by the same build
    public void encode(CommitAttempt a, long[] longs, String[] strings) {
        longs[0] = a.retry();
        longs[1] = a.readVersion();
        longs[2] = a.attemptedVersion();
        longs[3] = a.startNanos();
        longs[4] = a.endNanos();
        longs[5] = a.outcome() == null ? 0 : a.outcome().ordinal() + 1;
        longs[6] = a.winningVersion();
        longs[7] = a.rows();
        strings[0] = a.writer();
        strings[1] = a.table();
        strings[ATTEMPT] = a.attemptId();
        strings[3] = a.operation();
        strings[4] = a.exception();
        strings[5] = a.message();
        strings[6] = a.winningWriter();
    }

    @Override
    public CommitAttempt decode(long[] longs, String[] strings) {
        return new CommitAttempt(strings[0], strings[1], strings[2], strings[3], (int) longs[0], longs[1], longs[2],
                longs[3], longs[4], longs[5] == 0 ? null : OUTCOMES[(int) longs[5] - 1], strings[4], strings[5], longs[6],
                strings[6], longs[7]);
    }
}
