package dev.sluice.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects findings by id (later reports replace earlier ones); not thread-safe. */
public final class FindingLog implements FindingSink {

    /** Deterministic order for output: by start time, then code, then id. */
    public static final Comparator<Finding> ORDER = Comparator.comparingLong(Finding::startNanos)
            .thenComparing(Finding::code).thenComparing(Finding::id);

    private final Map<String, Finding> byId = new LinkedHashMap<>();
    private long revision;

    @Override
    public void report(Finding finding) {
        byId.put(finding.id(), finding);
        revision++;
    }

    /** Increases whenever a finding is reported, so readers can tell if anything changed. */
    public long revision() {
        return revision;
    }

    public int size() {
        return byId.size();
    }

    public List<Finding> sorted() {
        List<Finding> list = new ArrayList<>(byId.values());
        list.sort(ORDER);
        return list;
    }
}
