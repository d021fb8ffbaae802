package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.CommitFailed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the Delta conflict detectors share: reading a failed commit's exception and winner. */
public final class DeltaConflicts {

    private static final String PACKAGE = "io.delta.standalone.exceptions.";

    private DeltaConflicts() {
    }

    /** A concurrent-modification conflict reported by delta-standalone (not an I/O or other error). */
    public static boolean isConflict(CommitFailed f) {
        String e = text(f.exception());
        return e.startsWith(PACKAGE) && (e.endsWith("ChangedException") || e.contains(".Concurrent"));
    }

    static boolean is(CommitFailed f, String simpleName) {
        return (PACKAGE + simpleName).equals(f.exception());
    }

    /** A checksum error reading a commit file: the log was replaced under the writer ({@code CORRUPT_LOG}). */
    static boolean isChecksum(CommitFailed f) {
        return text(f.exception()).contains("Checksum") || text(f.message()).toLowerCase(Locale.ROOT).contains("checksum error");
    }

    /** A failure none of the conflict or corrupt-log rules explain. */
    static boolean isUnclassified(CommitFailed f) {
        return !isConflict(f) && !isChecksum(f);
    }

    static String simpleName(String className) {
        String c = text(className);
        return c.substring(c.lastIndexOf('.') + 1);
    }

    /** Optional text fields read as empty when absent. */
    static String text(String s) {
        return s == null ? "" : s;
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
