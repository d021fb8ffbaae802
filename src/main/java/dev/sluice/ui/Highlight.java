package dev.sluice.ui;

import dev.sluice.detect.ResourceRef;
import java.util.List;

/**
 * What the selection highlights, asked the same way by every view: the resources it names (a
 * finding's, a client), by type and id. Each view marks the rows, lanes and points that stand for
 * one of them, so selecting a finding lights up what it is about wherever that is drawn.
 */
public record Highlight(List<ResourceRef> resources) {

    public static final Highlight NONE = new Highlight(List.of());

    public Highlight {
        resources = List.copyOf(resources);
    }

    /** Whether the selection names resource {@code type}:{@code id}. */
    public boolean names(String type, String id) {
        return id != null && resources.contains(ResourceRef.of(type, id));
    }

    /** Whether the selection names {@code id} as any type (a mark's subject: a thread, a stream, a writer). */
    public boolean namesId(String id) {
        return resources.stream().anyMatch(r -> r.id().equals(id));
    }

    /** The id of the first named resource of {@code type}, or null. */
    public String first(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).map(ResourceRef::id).findFirst().orElse(null);
    }

    public boolean isEmpty() {
        return resources.isEmpty();
    }
}
