package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.CommitLogged;
import dev.sluice.event.Event;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code CONCURRENT_COMMITS} (informational): in a table's log, commits whose {@code readVersion} is
 * older than the version before them, so other commits landed while they were open. They passed
 * Delta's conflict checks; the finding shows how much the writers overlap. One finding per table.
 */
public final class ConcurrentCommitsDetector implements Detector {

    /** Writers of recent versions, to name who committed in between; older ones are forgotten. */
    private static final int REMEMBERED = 4096;

    private static final class Table {
        final TreeMap<Long, String> writers = new TreeMap<>();
        long count;
        long start;
        CommitLogged widest;
    }

    private final Map<String, Table> tables = new HashMap<>();

    @Override
    public Consumes consumes() {
        return Consumes.kinds(CommitLogged.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (!(event.body() instanceof CommitLogged c)) {
            return;
        }
        Table t = tables.computeIfAbsent(c.table(), k -> new Table());
        t.writers.put(c.version(), c.writer());
        if (t.writers.size() > REMEMBERED) {
            t.writers.pollFirstEntry();
        }
        if (c.readVersion() < 0 || c.readVersion() >= c.version() - 1) {
            return;
        }
        if (t.count++ == 0) {
            t.start = event.timeNanos();
        }
        if (t.widest == null || c.version() - c.readVersion() > t.widest.version() - t.widest.readVersion()) {
            t.widest = c;
        }
        CommitLogged w = t.widest;
        String between = String.join(", ", new TreeSet<>(
                t.writers.subMap(w.readVersion(), false, w.version(), false).values()));
        findings.report(Finding.of("CONCURRENT_COMMITS/" + c.table(), FindingCode.CONCURRENT_COMMITS, t.start,
                DeltaHistory.resources(c.table(), null),
                t.count + " commit(s) of " + c.table() + " were made concurrently with others",
                t.count + " commit(s) read an older version than the one they followed; the widest, "
                        + DeltaHistory.commit(w) + ", read v" + w.readVersion() + " while v" + (w.readVersion() + 1)
                        + ".." + "v" + (w.version() - 1) + " committed" + (between.isEmpty() ? "" : " (" + between + ")")
                        + ". They passed Delta's conflict checks, so the table is consistent: this is informational, "
                        + "a measure of how much the writers overlap (more overlap, more conflicts and retries)."
                        + DeltaHistory.ONLY_WINNERS,
                "Nothing to fix in the table; if writers retry often, run the same writes as a live Sluice scenario "
                        + "to see the failed attempts.").endedAt(event.timeNanos()));
    }
}
