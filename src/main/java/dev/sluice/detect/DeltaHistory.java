package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.CommitLogged;
import java.util.ArrayList;
import java.util.List;

/** What the findings drawn from a table's log alone have in common. */
final class DeltaHistory {

    /** Every history finding says it: the log cannot show what did not commit. */
    static final String ONLY_WINNERS = " The log records only winning commits: attempts that failed or were "
            + "abandoned leave no trace in it, so this history cannot show them.";

    private DeltaHistory() {
    }

    static List<ResourceRef> resources(String table, CommitLogged c) {
        List<ResourceRef> refs = new ArrayList<>();
        refs.add(ResourceRef.of("table", table));
        if (c != null) {
            refs.add(ResourceRef.of("version", "v" + c.version()));
            refs.add(ResourceRef.of("writer", c.writer()));
        }
        return refs;
    }

    /** "v7 (MERGE by writer-2)". */
    static String commit(CommitLogged c) {
        return "v" + c.version() + " (" + (c.operation().isEmpty() ? "no operation recorded" : c.operation())
                + " by " + c.writer() + ")";
    }
}
