package dev.sluice.detect;

import dev.sluice.event.Engine;
import java.util.List;

/**
 * A hazard found in the event stream.
 *
 * @param id          stable key within a run: a detector reports the same id again to update a
 *                    finding (for example to set its end)
 * @param startNanos  run time the hazard began
 * @param endNanos    run time it ended, or {@link #OPEN} while it lasts
 * @param resources   what it is about, most important first
 * @param title       one line for lists
 * @param explanation what happened and why it matters
 * @param fix         what to do instead
 */
public record Finding(String id, FindingCode code, Severity severity, long startNanos, long endNanos,
                      List<ResourceRef> resources, String title, String explanation, String fix) {

    public static final long OPEN = -1;

    public Finding {
        resources = List.copyOf(resources);
    }

    public Engine engine() {
        return code.engine();
    }

    public boolean isOpen() {
        return endNanos == OPEN;
    }

    public Finding endedAt(long nanos) {
        return new Finding(id, code, severity, startNanos, nanos, resources, title, explanation, fix);
    }

    /** A finding with the code's usual severity. */
    public static Finding of(String id, FindingCode code, long startNanos, List<ResourceRef> resources,
                             String title, String explanation, String fix) {
        return new Finding(id, code, code.severity(), startNanos, OPEN, resources, title, explanation, fix);
    }
}
