package dev.sluice.engine.delta;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.actions.CommitInfo;

/**
 * Reads from the log who took a version: the writer Sluice put in the commit's user metadata
 * ({@code sluice.writer=writer-3}; another engine's commits show their engine info instead) and
 * the operation.
 */
final class CommitProbe {

    static final String WRITER_KEY = "sluice.writer=";

    /** The commit at {@code version}; {@code version} -1 when the log could not say. */
    record Winner(long version, String writer, String operation) { }

    private CommitProbe() {
    }

    static String userMetadata(String writer) {
        return WRITER_KEY + writer;
    }

    static Winner winnerAt(DeltaLog log, long version) {
        if (version < 0) {
            return new Winner(-1, "", "");
        }
        try {
            CommitInfo info = log.getCommitInfoAt(version);
            String writer = info.getUserMetadata().filter(m -> m.startsWith(WRITER_KEY))
                    .map(m -> m.substring(WRITER_KEY.length()))
                    .orElse(info.getEngineInfo().orElse("unknown writer"));
            return new Winner(version, writer, info.getOperation());
        } catch (RuntimeException e) {
            // the attempt's own failure is what gets reported; this says why the winner is unknown
            return new Winner(-1, "unreadable: " + e.getClass().getSimpleName() + ": " + e.getMessage(), "");
        }
    }
}
