package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.CommitFailed;
import dev.sluice.event.DeltaEvent.CommitSucceeded;
import dev.sluice.event.DeltaEvent.WriteAbandoned;
import dev.sluice.event.Event;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code COMMIT_CONFLICT}: a transaction that read the table lost to a concurrent commit
 * ({@code ConcurrentAppendException} and relatives). One finding per batch, updated with each retry
 * and closed when the batch commits or is given up.
 */
public final class CommitConflictDetector implements Detector {

    private static final class Chain {
        final CommitFailed first;
        final long start;
        int conflicts;
        CommitFailed last;

        Chain(CommitFailed first, long start) {
            this.first = first;
            this.start = start;
        }
    }

    private final Map<String, Chain> chains = new HashMap<>();

    @Override
    public Consumes consumes() {
        return Consumes.kinds(CommitFailed.class, CommitSucceeded.class, WriteAbandoned.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (event.body() instanceof CommitFailed f && f.readVersion() >= 0 && DeltaConflicts.isConflict(f)
                && !DeltaConflicts.is(f, "MetadataChangedException") && !DeltaConflicts.is(f, "ProtocolChangedException")) {
            Chain c = chains.computeIfAbsent(key(f.table(), f.batch()), k -> new Chain(f, event.timeNanos()));
            c.conflicts++;
            c.last = f;
            findings.report(finding(c, Finding.OPEN, "retrying or pending", Severity.WARNING));
        } else if (event.body() instanceof CommitSucceeded s) {
            Chain c = chains.get(key(s.table(), s.batch()));
            if (c != null) {
                findings.report(finding(c, event.timeNanos(), "committed as version " + s.version() + " at retry "
                        + s.retry(), Severity.WARNING));
            }
        } else if (event.body() instanceof WriteAbandoned a) {
            Chain c = chains.get(key(a.table(), a.batch()));
            if (c != null) {
                findings.report(finding(c, event.timeNanos(), "given up after " + a.attempts() + " attempts",
                        Severity.ERROR));
            }
        }
    }

    private static String key(String table, String batch) {
        return table + "/" + batch;
    }

    private static Finding finding(Chain c, long end, String outcome, Severity severity) {
        CommitFailed f = c.first;
        return new Finding("COMMIT_CONFLICT/" + f.table() + "/" + f.batch(), FindingCode.COMMIT_CONFLICT, severity,
                c.start, end, List.of(ResourceRef.of("writer", f.writer()), ResourceRef.of("table", f.table()),
                        ResourceRef.of("batch", f.batch())),
                f.writer() + " batch " + f.batch() + ": " + c.conflicts + " commit conflict(s), " + outcome,
                f.writer() + " read version " + f.readVersion() + " of " + f.table() + " and lost to "
                        + DeltaConflicts.winner(f) + " with " + DeltaConflicts.simpleName(f.exception()) + " ("
                        + f.message() + "); " + c.conflicts + " attempt(s) conflicted, the last at read version "
                        + c.last.readVersion() + " (retry " + c.last.retry() + "). Every conflict repeats the "
                        + "transaction's reads and its commit, and under contention most attempts lose.",
                "Append without reading the table where the logic allows (blind appends never conflict with each "
                        + "other); otherwise keep retrying with backoff and a cap (delta.strategy=retry), and "
                        + "partition the work so concurrent transactions read disjoint files.");
    }
}
