package dev.sluice.ui.commits;

import dev.sluice.model.delta.CommitAttempt;
import dev.sluice.model.delta.CommitAttempt.Outcome;
import dev.sluice.ui.Highlight;
import dev.sluice.ui.commits.CommitsViewModel.Version;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The attempts started by a cursor, the versions committed by it and how many ended failed or ok; any thread. */
record CommitTally(List<CommitAttempt> all, Map<Long, Version> versions, int failed, int ok) {

    static CommitTally of(AttemptsByStart index, long cursor, Highlight lit) {
        List<CommitAttempt> all = index.startedBy(cursor);
        Map<Long, Version> versions = new LinkedHashMap<>();
        int failed = 0;
        int ok = 0;
        for (CommitAttempt a : all) {
            boolean done = a.endNanos() >= 0 && a.endNanos() <= cursor;
            if (done && a.outcome() == Outcome.OK) {
                ok++;
                long v = a.attemptedVersion();
                // detectors name a version as "12" or as "v12"
                versions.put(v, new Version(v, a.endNanos(), a.writer(),
                        lit.names("version", Long.toString(v)) || lit.names("version", "v" + v)));
            } else if (done && a.outcome() == Outcome.FAILED) {
                failed++;
            }
        }
        return new CommitTally(all, versions, failed, ok);
    }
}
