package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.FileAction;
import dev.sluice.event.DeltaEvent.FileLogged;
import dev.sluice.event.Event;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code DUPLICATE_FILE_ADD}: a data file added (with {@code dataChange}) while the table already held
 * it, with no remove between. A snapshot keeps one copy, but every reader of the log itself (streaming
 * readers, change feeds, audits) sees the file's rows twice; it is a retry that re-committed a file whose
 * first commit did land. One finding per pair of commits.
 */
public final class DuplicateFileAddDetector implements Detector {

    /** Per table: each live data file and the version that added it. */
    private final Map<String, Map<String, Long>> live = new HashMap<>();
    /** Per (table, first version, second version): how many files, and the first one. */
    private final Map<String, long[]> counts = new HashMap<>();

    @Override
    public Consumes consumes() {
        return Consumes.kinds(FileLogged.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (!(event.body() instanceof FileLogged f)) {
            return;
        }
        Map<String, Long> files = live.computeIfAbsent(f.table(), k -> new HashMap<>());
        if (f.action() == FileAction.REMOVE) {
            files.remove(f.path());
            return;
        }
        Long was = files.put(f.path(), f.version());
        if (was == null || !f.dataChange()) {
            return; // a re-add without dataChange only updates the file's statistics or tags
        }
        String key = f.table() + "/v" + was + "/v" + f.version();
        long n = ++counts.computeIfAbsent(key, k -> new long[1])[0];
        String where = was == f.version() ? "twice in v" + was : "in v" + was + " and again in v" + f.version();
        findings.report(Finding.of("DUPLICATE_FILE_ADD/" + key, FindingCode.DUPLICATE_FILE_ADD, event.timeNanos(),
                List.of(ResourceRef.of("table", f.table()), ResourceRef.of("version", "v" + f.version()),
                        ResourceRef.of("file", f.path())),
                n + " data file(s) of " + f.table() + " added " + where,
                n + " data file(s), " + f.path() + (n > 1 ? " and others" : "") + ", were added " + where
                        + " with no remove between. A snapshot of the table holds each file once, but streaming "
                        + "readers, change feeds and anything that replays the log count their rows twice; a writer "
                        + "retried a commit whose first attempt had in fact landed, or two writers committed the same "
                        + "file." + DeltaHistory.ONLY_WINNERS,
                "Make retries check whether the first commit landed (a txn appId and version per batch); give every "
                        + "data file a unique name per attempt.").endedAt(event.timeNanos()));
    }
}
