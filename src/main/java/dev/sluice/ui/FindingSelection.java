package dev.sluice.ui;

import dev.sluice.detect.Finding;
import dev.sluice.detect.ResourceRef;
import dev.sluice.event.Engine;
import java.util.Collection;
import java.util.List;

/**
 * Which findings belong to what a view shows, decided once for every view: a finding is about the
 * resources it names (by type and id); one of an engine that names none of its own kind is about
 * everything that engine shows.
 */
public final class FindingSelection {

    private FindingSelection() {
    }

    /** Whether {@code finding} names {@code resource}. */
    public static boolean involves(Finding finding, ResourceRef resource) {
        return finding.resources().contains(resource);
    }

    /** The findings that name {@code resource}, in their order. */
    public static List<Finding> about(List<Finding> findings, ResourceRef resource) {
        return findings.stream().filter(f -> involves(f, resource)).toList();
    }

    /**
     * Whether a finding of {@code engine} applies to a view of {@code shown}: it names one of them,
     * or it names no resource of the types shown (it is about the engine's whole picture).
     */
    public static boolean appliesTo(Finding finding, Engine engine, Collection<ResourceRef> shown) {
        if (finding.engine() != engine) {
            return false;
        }
        boolean namesShownType = false;
        for (ResourceRef r : finding.resources()) {
            if (shown.contains(r)) {
                return true;
            }
            namesShownType |= shown.stream().anyMatch(s -> s.type().equals(r.type()));
        }
        return !namesShownType;
    }

    /** Whether {@code finding} is the selection: the user picked exactly what it is about. */
    public static boolean isSelected(Finding finding, List<ResourceRef> selection) {
        return !selection.isEmpty() && selection.equals(finding.resources());
    }
}
