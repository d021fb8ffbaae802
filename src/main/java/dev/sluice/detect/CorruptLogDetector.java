package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.CommitFailed;
import dev.sluice.event.DeltaEvent.VerifyFailed;
import dev.sluice.event.Event;
import java.util.List;

/**
 * {@code CORRUPT_LOG}: a table's log (or a file it names) no longer reads — verify failed, or a
 * writer hit a checksum error reading a commit file that another log instance replaced under it.
 */
public final class CorruptLogDetector implements Detector {

    @Override
    public Consumes consumes() {
        return Consumes.kinds(VerifyFailed.class, CommitFailed.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (event.body() instanceof VerifyFailed v) {
            report(findings, "CORRUPT_LOG/" + v.table() + "/" + v.stage(), event.timeNanos(), v.table(), "verify",
                    v.stage(), v.exception(), v.message());
        } else if (event.body() instanceof CommitFailed f && DeltaConflicts.isChecksum(f)) {
            report(findings, "CORRUPT_LOG/" + f.table() + "/checksum", event.timeNanos(), f.table(), f.writer(),
                    "commit " + f.attempt(), f.exception(), f.message());
        }
    }

    private static void report(FindingSink findings, String id, long time, String table, String who, String stage,
                               String exception, String message) {
        findings.report(Finding.of(id, FindingCode.CORRUPT_LOG, time,
                List.of(ResourceRef.of("table", table)),
                "the log of " + table + " is unreadable (" + stage + ")",
                who + " could not read " + table + " during " + stage + ": " + exception + " (" + message + "). "
                        + "A commit file was replaced, truncated or removed — typically by two log-store instances "
                        + "racing to publish the same version (check, then rename) — and every later reader fails too.",
                "Share one DeltaLog per table per process and publish commits with a log store that fails when the "
                        + "version exists (delta.logStore=sluice); restore the table from its last good version."));
    }
}
