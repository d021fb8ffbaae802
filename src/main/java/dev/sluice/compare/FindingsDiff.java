package dev.sluice.compare;

import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.FindingLog;
import dev.sluice.detect.ResourceRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;

/**
 * Which findings of run A went away in run B, which stayed and which are new. A finding of B stays
 * when A has one of the same code about the same resources; then findings of a code still unmatched
 * pair up in time order, because resource ids ({@code client-3}, a table's path) are per run — so a
 * finding is new only where B has more of its code than A.
 *
 * @param gone   A's findings B has no counterpart for
 * @param stayed B's findings A has a counterpart for
 * @param added  B's findings A has no counterpart for
 */
public record FindingsDiff(List<Finding> gone, List<Finding> stayed, List<Finding> added) {

    public FindingsDiff {
        gone = List.copyOf(gone);
        stayed = List.copyOf(stayed);
        added = List.copyOf(added);
    }

    public static FindingsDiff of(List<Finding> a, List<Finding> b) {
        List<Finding> unmatchedA = sorted(a);
        List<Finding> unmatchedB = sorted(b);
        List<Finding> stayed = new ArrayList<>();
        take(unmatchedA, unmatchedB, stayed, true);
        take(unmatchedA, unmatchedB, stayed, false);
        stayed.sort(FindingLog.ORDER);
        return new FindingsDiff(unmatchedA, stayed, unmatchedB);
    }

    /** Moves every B finding with a counterpart in A (same code, and same resources when {@code exact}) to {@code stayed}. */
    private static void take(List<Finding> a, List<Finding> b, List<Finding> stayed, boolean exact) {
        for (Iterator<Finding> it = b.iterator(); it.hasNext(); ) {
            Finding fb = it.next();
            Finding match = a.stream().filter(fa -> fa.code() == fb.code()
                    && (!exact || sameResources(fa.resources(), fb.resources()))).findFirst().orElse(null);
            if (match != null) {
                a.remove(match);
                it.remove();
                stayed.add(fb);
            }
        }
    }

    private static boolean sameResources(List<ResourceRef> x, List<ResourceRef> y) {
        return new HashSet<>(x).equals(new HashSet<>(y));
    }

    private static List<Finding> sorted(List<Finding> findings) {
        List<Finding> list = new ArrayList<>(findings);
        list.sort(FindingLog.ORDER);
        return list;
    }

    /** Codes B added, for a one-line verdict. */
    public List<FindingCode> addedCodes() {
        return added.stream().map(Finding::code).distinct().toList();
    }
}
