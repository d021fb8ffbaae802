package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.LogUnreadable;
import dev.sluice.event.Event;
import java.util.List;

/** {@code CORRUPT_LOG} from an imported log: a commit file that is not valid actions, so what it did is unknown. */
public final class UnreadableCommitDetector implements Detector {

    @Override
    public Consumes consumes() {
        return Consumes.kinds(LogUnreadable.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (!(event.body() instanceof LogUnreadable u)) {
            return;
        }
        String where = u.file() + (u.line() > 0 ? " line " + u.line() : "");
        findings.report(Finding.of("CORRUPT_LOG/" + u.table() + "/v" + u.version(), FindingCode.CORRUPT_LOG,
                event.timeNanos(), List.of(ResourceRef.of("table", u.table()), ResourceRef.of("version", "v" + u.version())),
                "commit v" + u.version() + " of " + u.table() + " is unreadable (" + where + ")",
                where + " of " + u.table() + " does not read: " + u.problem() + ". Every reader of the table fails at "
                        + "this version (or, worse, skips it), and what the commit added or removed is unknown; the "
                        + "versions after it were read. A log store without an atomic put-if-absent (a torn or "
                        + "concurrent write of the same version) or a hand edit leaves such a file."
                        + DeltaHistory.ONLY_WINNERS,
                "Restore the commit file from a backup or the writer's own record; publish commits with a log store "
                        + "that writes a version atomically and only once.").endedAt(event.timeNanos()));
    }
}
