package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.CommitFailed;
import java.util.ArrayList;
import java.util.List;

/** What the Delta conflict detectors share: reading a failed commit's exception and winner. */
final class DeltaConflicts {

    private static final String PACKAGE = "io.delta.standalone.exceptions.";

    private DeltaConflicts() {
    }

    /** A concurrent-modification conflict reported by delta-standalone (not an I/O or other error). */
    static boolean isConflict(CommitFailed f) {
        return f.exception().startsWith(PACKAGE) && (f.exception().endsWith("ChangedException")
                || f.exception().contains(".Concurrent"));
    }

    static boolean is(CommitFailed f, String simpleName) {
        return f.exception().equals(PACKAGE + simpleName);
    }

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** "writer-0 (version 0, CREATE TABLE)" or "another writer" when the log could not say. */
    static String winner(CommitFailed f) {
        if (f.winningVersion() < 0) {
            return "another writer (version " + f.attemptedVersion() + ")";
        }
        return f.winningWriter() + " (version " + f.winningVersion() + ", " + f.winningOperation() + ")";
    }

    static List<ResourceRef> resources(CommitFailed f) {
        List<ResourceRef> r = new ArrayList<>();
        r.add(ResourceRef.of("writer", f.writer()));
        r.add(ResourceRef.of("table", f.table()));
        r.add(ResourceRef.of("attempt", f.attempt()));
        if (f.winningVersion() >= 0) {
            r.add(ResourceRef.of("version", Long.toString(f.winningVersion())));
            r.add(ResourceRef.of("writer", f.winningWriter()));
        }
        return r;
    }
}
