package dev.sluice.detect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Failures of one kind on one resource: how many, when, and the first distinct causes. */
final class FailureGroup {

    static final int CAUSES = 3;

    final long start;
    long last;
    int count;
    final Set<String> items = new LinkedHashSet<>();
    private final List<String> causes = new ArrayList<>();
    private final Set<String> distinct = new LinkedHashSet<>();

    FailureGroup(long start) {
        this.start = start;
        this.last = start;
    }

    void add(long time, String item, String cause) {
        count++;
        last = Math.max(last, time);
        if (item != null) {
            items.add(item);
        }
        String c = cause == null || cause.isBlank() ? "no error text recorded" : cause.lines().findFirst().orElse("").trim();
        if (distinct.add(c) && causes.size() < CAUSES) {
            causes.add(c);
        }
    }

    /** "Connection refused; Read timed out (and 2 other causes)". */
    String causes() {
        String listed = String.join("; ", causes);
        int more = distinct.size() - causes.size();
        return more > 0 ? listed + " (and " + more + " other cause" + (more == 1 ? "" : "s") + ")" : listed;
    }

    String firstCause() {
        return causes.isEmpty() ? "" : causes.get(0);
    }
}
