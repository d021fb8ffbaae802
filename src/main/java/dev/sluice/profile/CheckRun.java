package dev.sluice.profile;

import java.util.ArrayList;
import java.util.List;

/** The results of one {@link ProfileCheck} so far, each also told to the listener as it is added. */
final class CheckRun {

    private final CheckListener listener;
    private final List<CheckResult> results = new ArrayList<>();

    CheckRun(CheckListener listener) {
        this.listener = listener;
    }

    void progress(CheckResult.Check check, String subject, String message) {
        listener.progress(check, subject, message);
    }

    /** Adds {@code r}; returns whether it passed, so a chain of checks can stop at the first failure. */
    boolean add(CheckResult r) {
        results.add(r);
        listener.finished(r);
        return !r.failed();
    }

    /** Marks each of {@code rest} as not tried because {@code failed} failed. */
    void skip(String subject, CheckResult.Check failed, CheckResult.Check... rest) {
        for (CheckResult.Check c : rest) {
            add(CheckResult.skipped(c, subject, failed));
        }
    }

    List<CheckResult> results() {
        return List.copyOf(results);
    }
}
