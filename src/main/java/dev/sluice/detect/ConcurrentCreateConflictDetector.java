package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.CommitFailed;
import dev.sluice.event.Event;
import java.util.List;

/**
 * {@code CONCURRENT_CREATE_CONFLICT}: a writer tried to create a table that another writer created
 * first ({@code ProtocolChangedException} on read version -1), one finding per losing attempt,
 * naming the commit that won.
 */
public final class ConcurrentCreateConflictDetector implements Detector {

    @Override
    public Consumes consumes() {
        return Consumes.kinds(CommitFailed.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (!(event.body() instanceof CommitFailed f) || f.readVersion() != -1 || !DeltaConflicts.isConflict(f)) {
            return;
        }
        findings.report(Finding.of("CONCURRENT_CREATE_CONFLICT/" + f.table() + "/" + f.attempt(),
                FindingCode.CONCURRENT_CREATE_CONFLICT, event.timeNanos(), DeltaConflicts.resources(f),
                f.writer() + " lost the race to create the table to " + DeltaConflicts.winner(f),
                f.writer() + " found no table at " + f.table() + " and tried to create it with batch " + f.batch()
                        + ", but " + DeltaConflicts.winner(f) + " created it first; the commit failed with "
                        + DeltaConflicts.simpleName(f.exception()) + " (" + f.message() + "). "
                        + "Every writer that starts on an empty directory races to write version 0; all but one lose, "
                        + "and their rows are not in the table unless someone sees this failure and writes them again.",
                "Create the table once before the writers start (delta.strategy=first-writer-creates), then append "
                        + "concurrently: blind appends do not conflict. If a writer must create on demand, retry and "
                        + "decide on metadata from txn.readVersion() == -1 on every attempt."));
    }
}
