package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.MissingReason;
import dev.sluice.event.DeltaEvent.RowsDuplicated;
import dev.sluice.event.DeltaEvent.RowsMissing;
import dev.sluice.event.DeltaEvent.VerifyCompleted;
import dev.sluice.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code LOST_WRITES}: verify found that a table does not hold exactly what the job wrote — rows
 * acknowledged or silently failed are missing, rows appear twice, or the log names data files
 * that are gone. One finding per table, listing exactly which (writer, sequence) rows.
 */
public final class LostWritesDetector implements Detector {

    private static final int LISTED = 24;

    /** A run of missing or duplicated sequence numbers of one writer. */
    private static final class Range {
        final String writer;
        final String what;
        final long from;
        long to;

        Range(String writer, String what, long from, long to) {
            this.writer = writer;
            this.what = what;
            this.from = from;
            this.to = to;
        }

        @Override
        public String toString() {
            return writer + ":" + from + "-" + to + (what.isEmpty() ? "" : " " + what);
        }
    }

    private static final class TableState {
        long start = -1;
        long acknowledgedLost;
        long unobservedLost;
        long gapLost;
        long duplicated;
        final List<Range> ranges = new ArrayList<>();
        final Set<String> writers = new LinkedHashSet<>();
        final Set<String> files = new LinkedHashSet<>();
        int missingFiles;
        boolean verified;
    }

    private final Map<String, TableState> tables = new LinkedHashMap<>();

    @Override
    public Consumes consumes() {
        return Consumes.kinds(RowsMissing.class, RowsDuplicated.class, VerifyCompleted.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (event.body() instanceof RowsMissing m && m.reason() != MissingReason.FAILURE_SURFACED) {
            TableState t = state(m.table(), event.timeNanos());
            if (m.reason() == MissingReason.ACKNOWLEDGED) {
                t.acknowledgedLost += m.rows();
            } else if (m.reason() == MissingReason.FAILURE_UNOBSERVED) {
                t.unobservedLost += m.rows();
            } else {
                t.gapLost += m.rows();
            }
            t.writers.add(m.writer());
            if (m.file() != null && !m.file().isEmpty()) {
                t.files.add(m.file());
            }
            add(t, m.writer(), "", m.fromSeq(), m.toSeq());
            findings.report(finding(m.table(), t));
        } else if (event.body() instanceof RowsDuplicated d) {
            TableState t = state(d.table(), event.timeNanos());
            t.duplicated += (d.toSeq() - d.fromSeq() + 1) * (d.copies() - 1);
            t.writers.add(d.writer());
            add(t, d.writer(), "x" + d.copies(), d.fromSeq(), d.toSeq());
            findings.report(finding(d.table(), t));
        } else if (event.body() instanceof VerifyCompleted v) {
            TableState t = tables.get(v.table());
            if (t != null) {
                t.verified = true;
            }
            if (v.missingFiles() > 0) {
                t = state(v.table(), event.timeNanos());
                t.verified = true;
                t.missingFiles = v.missingFiles();
                findings.report(finding(v.table(), t));
            }
        }
    }

    /** Rows missing before verify completed may yet be found (or be more) on a trace cut during verify. */
    @Override
    public void onEnd(long endNanos, StreamEnd how, FindingSink findings) {
        if (how != StreamEnd.TRACE_CUT) {
            return;
        }
        tables.forEach((table, t) -> {
            if (!t.verified) {
                findings.report(finding(table, t).unconfirmed("the trace ends at +" + DetectorFailure.seconds(endNanos)
                        + ", before verify of " + table + " completed"));
            }
        });
    }

    private TableState state(String table, long time) {
        TableState t = tables.computeIfAbsent(table, k -> new TableState());
        if (t.start < 0) {
            t.start = time;
        }
        return t;
    }

    private static void add(TableState t, String writer, String what, long from, long to) {
        Range last = t.ranges.isEmpty() ? null : t.ranges.get(t.ranges.size() - 1);
        if (last != null && last.writer.equals(writer) && last.what.equals(what) && last.to + 1 == from) {
            last.to = to;
        } else {
            t.ranges.add(new Range(writer, what, from, to));
        }
    }

    private static Finding finding(String table, TableState t) {
        long missing = t.acknowledgedLost + t.unobservedLost + t.gapLost;
        List<String> listed = t.ranges.stream().limit(LISTED).map(Range::toString).toList();
        String rows = String.join(", ", listed) + (t.ranges.size() > LISTED ? ", and " + (t.ranges.size() - LISTED)
                + " more ranges" : "");
        StringBuilder why = new StringBuilder("Verify read the table back and compared it with the writes. ");
        if (t.acknowledgedLost > 0) {
            why.append(t.acknowledgedLost).append(" acknowledged rows are gone: their commit returned a version, "
                    + "then the log lost the commit or its data file").append(t.files.isEmpty() ? "" : " (" + t.files.size()
                    + " data file(s))").append(". ");
        }
        if (t.unobservedLost > 0) {
            why.append(t.unobservedLost).append(" rows were never written: their write failed and nobody read the "
                    + "failure, so the job believes they are there. ");
        }
        if (t.gapLost > 0) {
            why.append(t.gapLost).append(" rows are holes in a writer's sequence numbers. ");
        }
        if (t.duplicated > 0) {
            why.append(t.duplicated).append(" rows appear more than once. ");
        }
        if (t.missingFiles > 0) {
            why.append("The log names ").append(t.missingFiles).append(" data file(s) that no longer exist. ");
        }
        why.append("Rows (writer:sequence): ").append(rows.isEmpty() ? "none listed" : rows).append('.');
        List<ResourceRef> resources = new ArrayList<>();
        resources.add(ResourceRef.of("table", table));
        t.writers.forEach(w -> resources.add(ResourceRef.of("writer", w)));
        String title = missing > 0 ? missing + " rows missing from " + table
                : t.duplicated > 0 ? t.duplicated + " rows duplicated in " + table
                : t.missingFiles + " data file(s) missing from " + table;
        if (missing > 0 && t.duplicated > 0) {
            title += ", " + t.duplicated + " duplicated";
        }
        String fix = t.acknowledgedLost > 0 || t.missingFiles > 0
                ? "Share one DeltaLog per table per process and publish commits with a log store that fails when the "
                + "version exists (delta.logStore=sluice); writers in several processes need a log store with mutual "
                + "exclusion. Never delete files the log still names."
                : t.unobservedLost > 0
                ? "Read every writer's future and fail or retry on error; create the table before the writers start "
                + "(delta.strategy=first-writer-creates)."
                : "Make writes idempotent (a SetTransaction app id and version per batch) so a retried batch cannot "
                + "commit twice.";
        Fix settings = t.acknowledgedLost > 0 || t.missingFiles > 0 ? Fixes.SAFE_LOG_STORE
                : t.unobservedLost > 0 ? Fixes.OBSERVED_WRITERS : null;
        return Finding.of("LOST_WRITES/" + table, FindingCode.LOST_WRITES, t.start, resources, title, why.toString(), fix)
                .withSettingFix(settings);
    }
}
