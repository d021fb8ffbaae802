package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.CheckpointLogged;
import dev.sluice.event.DeltaEvent.CommitLogged;
import dev.sluice.event.DeltaEvent.LogUnreadable;
import dev.sluice.event.Event;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code LOG_GAP}: versions missing between the commits of an imported log. Commit files before the
 * oldest checkpoint may be cleaned up (readers start at the checkpoint); any other hole is a lost or
 * removed commit, and readers that need that version fail.
 */
public final class LogGapDetector implements Detector {

    /** Per table: the next version the log should hold, and whether a commit was seen yet. */
    private final Map<String, long[]> next = new HashMap<>();

    @Override
    public Consumes consumes() {
        return Consumes.kinds(CheckpointLogged.class, CommitLogged.class, LogUnreadable.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (event.body() instanceof CheckpointLogged cp) {
            long[] n = next.computeIfAbsent(cp.table(), k -> new long[] {0, 0});
            if (n[1] == 0) {
                n[0] = Math.max(n[0], cp.version() + 1); // a checkpoint before the first commit file covers what came before
            }
        } else if (event.body() instanceof CommitLogged c) {
            seen(c.table(), c.version(), event, findings);
        } else if (event.body() instanceof LogUnreadable u) {
            seen(u.table(), u.version(), event, findings);
        }
    }

    private void seen(String table, long version, Event event, FindingSink findings) {
        long[] n = next.computeIfAbsent(table, k -> new long[] {0, 0});
        if (version > n[0]) {
            String missing = n[0] == version - 1 ? "v" + n[0] : "v" + n[0] + "..v" + (version - 1);
            boolean start = n[1] == 0;
            findings.report(Finding.of("LOG_GAP/" + table + "/v" + n[0], FindingCode.LOG_GAP, event.timeNanos(),
                    List.of(ResourceRef.of("table", table), ResourceRef.of("version", missing)),
                    (version - n[0]) + " version(s) missing from the log of " + table + " (" + missing + ")",
                    "The log of " + table + " has no commit file for " + missing + (start
                            ? " before its first commit v" + version + ", and no checkpoint covers them"
                            : " between v" + (n[0] - 1) + " and v" + version) + ". A commit was lost or removed (a "
                            + "log store that overwrote or renamed it, a manual clean-up, a copy that skipped files); "
                            + "readers that reach those versions fail, and what they held is unknown."
                            + DeltaHistory.ONLY_WINNERS,
                    "Restore the missing commit files from a backup or the original storage; never delete commit "
                            + "files except through the table's own log clean-up, which keeps a checkpoint.")
                    .endedAt(event.timeNanos()));
        }
        n[0] = Math.max(n[0], version + 1);
        n[1] = 1;
    }
}
