package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.CommitLogged;
import dev.sluice.event.Event;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code TABLE_RECREATED}: a commit after the first created the table again, over the existing one:
 * its metaData carries a new table id, or its operation is a CREATE or REPLACE. Readers and streams
 * that follow the old table see its files disappear or its schema swapped under them.
 */
public final class TableRecreatedDetector implements Detector {

    private final Map<String, String> tableIds = new HashMap<>();

    @Override
    public Consumes consumes() {
        return Consumes.kinds(CommitLogged.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (!(event.body() instanceof CommitLogged c)) {
            return;
        }
        String known = c.tableId().isEmpty() ? tableIds.get(c.table()) : tableIds.put(c.table(), c.tableId());
        if (c.version() == 0) {
            return;
        }
        boolean newId = known != null && !c.tableId().isEmpty() && !known.equals(c.tableId());
        String op = c.operation().toUpperCase(Locale.ROOT);
        boolean creates = op.startsWith("CREATE") || op.startsWith("REPLACE");
        if (!newId && !creates) {
            return;
        }
        String how = newId ? "its metaData gives the table a new id (" + known + " → " + c.tableId() + ")"
                : "its operation is " + c.operation();
        findings.report(Finding.of("TABLE_RECREATED/" + c.table() + "/v" + c.version(), FindingCode.TABLE_RECREATED,
                event.timeNanos(), DeltaHistory.resources(c.table(), c),
                c.table() + " was re-created over the existing table at v" + c.version() + " by " + c.writer(),
                DeltaHistory.commit(c) + " created the table again although v0..v" + (c.version() - 1) + " existed: "
                        + how + "; it removed " + c.filesRemoved() + " file(s) and added " + c.filesAdded() + ". "
                        + "Writers still working on the old table commit onto the new one (or fail), streaming readers "
                        + "of it break, and a job that meant to create the table only if absent overwrote it."
                        + DeltaHistory.ONLY_WINNERS,
                "Create a table once (CREATE TABLE IF NOT EXISTS, or let one writer create it before the others "
                        + "start); overwrite data with an explicit overwrite write, not a re-create.")
                .endedAt(event.timeNanos()));
    }
}
