package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.CommitLogged;
import dev.sluice.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code SCHEMA_CHANGED_DURING_WRITES}: a commit changed the schema while another writer's transaction
 * was open on the old one: that writer read a version before the change and committed after it, so it
 * wrote files for a schema the table no longer has. Confirmed when the writer recorded its read
 * version; unconfirmed when it did not and it committed right after the change.
 */
public final class SchemaChangedDuringWritesDetector implements Detector {

    /** A schema change and the writers found writing across it. */
    private static final class Change {
        final CommitLogged commit;
        final long time;
        final Set<String> across = new LinkedHashSet<>();
        boolean confirmed;
        boolean followed;

        Change(CommitLogged commit, long time) {
            this.commit = commit;
            this.time = time;
        }
    }

    /** Schema changes per table, most recent last; a few are enough to reach back over open transactions. */
    private final Map<String, List<Change>> changes = new HashMap<>();
    private static final int REMEMBERED = 64;

    @Override
    public Consumes consumes() {
        return Consumes.kinds(CommitLogged.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (!(event.body() instanceof CommitLogged c)) {
            return;
        }
        List<Change> list = changes.computeIfAbsent(c.table(), k -> new ArrayList<>());
        for (Change s : list) {
            long v = s.commit.version();
            boolean otherWriter = !c.writer().equals(s.commit.writer());
            if (otherWriter && c.readVersion() >= 0 && c.readVersion() < v && c.version() > v) {
                s.across.add(c.writer() + " (read v" + c.readVersion() + ", committed v" + c.version() + ")");
                s.confirmed = true;
                report(s, event, findings);
            } else if (otherWriter && c.readVersion() < 0 && !s.followed && c.version() == v + 1) {
                s.across.add(c.writer() + " (committed v" + c.version() + ", read version not recorded)");
                report(s, event, findings);
            }
            s.followed |= c.version() > v;
        }
        if (c.schemaChanged()) {
            list.add(new Change(c, event.timeNanos()));
            if (list.size() > REMEMBERED) {
                list.remove(0);
            }
        }
    }

    private static void report(Change s, Event event, FindingSink findings) {
        CommitLogged c = s.commit;
        Finding f = Finding.of("SCHEMA_CHANGED_DURING_WRITES/" + c.table() + "/v" + c.version(),
                FindingCode.SCHEMA_CHANGED_DURING_WRITES, s.time, DeltaHistory.resources(c.table(), c),
                "the schema of " + c.table() + " changed at v" + c.version() + " while " + s.across.size()
                        + " other commit(s) were writing on the old one",
                DeltaHistory.commit(c) + " changed the schema; " + String.join(", ", s.across) + " started before that "
                        + "change and committed after it, so its files were written for the old schema. Delta fails "
                        + "such commits with MetadataChangedException unless the writer skips the check or reads "
                        + "without recording it; readers then meet files whose columns differ from the table's."
                        + DeltaHistory.ONLY_WINNERS,
                "Evolve the schema before concurrent writers start, or make writers re-read the table and retry "
                        + "when the metadata changed; check the files of the listed commits against the new schema.")
                .endedAt(event.timeNanos());
        findings.report(s.confirmed ? f : f.unconfirmed("the later writer did not record which version it read"));
    }
}
