package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.CommitFailed;
import dev.sluice.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code COMMITS_FAILED}: Delta commit attempts that failed for a reason none of the conflict rules
 * ({@code CONCURRENT_CREATE_CONFLICT}, {@code SCHEMA_RACE_CONFLICT}, {@code COMMIT_CONFLICT}) nor
 * {@code CORRUPT_LOG} explain — an I/O error, a full disk, a permission, a bug. One finding per table.
 */
public final class CommitsFailedDetector implements Detector {

    private final Map<String, FailureGroup> failures = new LinkedHashMap<>();
    private final Map<String, Set<String>> writersOf = new LinkedHashMap<>();

    @Override
    public Consumes consumes() {
        return Consumes.kinds(CommitFailed.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (!(event.body() instanceof CommitFailed f) || !DeltaConflicts.isUnclassified(f)) {
            return;
        }
        String table = f.table() == null ? "an unnamed table" : f.table();
        FailureGroup g = failures.computeIfAbsent(table, k -> new FailureGroup(event.timeNanos()));
        String exception = DeltaConflicts.simpleName(f.exception());
        String message = DeltaConflicts.text(f.message());
        g.add(event.timeNanos(), f.batch(), exception.isEmpty() ? message : message.isEmpty() ? exception
                : exception + ": " + message);
        Set<String> writers = writersOf.computeIfAbsent(table, k -> new LinkedHashSet<>());
        if (f.writer() != null) {
            writers.add(f.writer());
        }
        List<ResourceRef> resources = new ArrayList<>();
        resources.add(ResourceRef.of("table", table));
        writers.forEach(w -> resources.add(ResourceRef.of("writer", w)));
        findings.report(new Finding("COMMITS_FAILED/" + table, FindingCode.COMMITS_FAILED,
                FindingCode.COMMITS_FAILED.severity(), g.start, g.last, resources,
                g.count + " commit attempt(s) failed on " + table + ": " + g.firstCause(),
                g.count + " commit attempt(s) of " + g.items.size() + " batch(es) by " + String.join(", ", writers)
                        + " failed on " + table + " between +" + DetectorFailure.seconds(g.start) + " and +"
                        + DetectorFailure.seconds(g.last) + " for reasons that are not concurrent-commit conflicts. "
                        + "First causes: " + g.causes() + ". The rows of a failed commit are not in the table "
                        + "unless the write is repeated.",
                "Fix the cause (storage reachable, writable, not full); retry the failed batches, and fail the job "
                        + "when a batch cannot be committed."));
    }
}
