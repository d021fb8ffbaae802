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
 * @param settingFix  the fix as settings (usually the code's {@link FindingCode#fix()}), or null when
 *                    the fix is not a setting (then {@code fix} alone says what to do)
 * @param doubt       why the finding is not confirmed, e.g. {@code the trace ends at +12.345s}
 *                    when it rests on how a cut trace ended; empty when it is confirmed
 */
public record Finding(String id, FindingCode code, Severity severity, long startNanos, long endNanos,
                      List<ResourceRef> resources, String title, String explanation, String fix, Fix settingFix,
                      String doubt) {

    public static final long OPEN = -1;

    public Finding {
        resources = List.copyOf(resources);
        doubt = doubt == null ? "" : doubt;
    }

    /** A finding whose fix as settings is its code's. */
    public Finding(String id, FindingCode code, Severity severity, long startNanos, long endNanos,
                   List<ResourceRef> resources, String title, String explanation, String fix, String doubt) {
        this(id, code, severity, startNanos, endNanos, resources, title, explanation, fix, code.fix(), doubt);
    }

    /** A confirmed finding whose fix as settings is its code's. */
    public Finding(String id, FindingCode code, Severity severity, long startNanos, long endNanos,
                   List<ResourceRef> resources, String title, String explanation, String fix) {
        this(id, code, severity, startNanos, endNanos, resources, title, explanation, fix, "");
    }

    public Engine engine() {
        return code.engine();
    }

    public boolean isOpen() {
        return endNanos == OPEN;
    }

    /** Whether the events prove it; false when it may be an artefact of where a trace was cut. */
    public boolean confirmed() {
        return doubt.isEmpty();
    }

    public Finding endedAt(long nanos) {
        return new Finding(id, code, severity, startNanos, nanos, resources, title, explanation, fix, settingFix, doubt);
    }

    /** The same finding with another fix as settings (null: none), for a detector that knows better than the code. */
    public Finding withSettingFix(Fix other) {
        return new Finding(id, code, severity, startNanos, endNanos, resources, title, explanation, fix, other, doubt);
    }

    /** The same finding, not confirmed for {@code reason}. */
    public Finding unconfirmed(String reason) {
        return new Finding(id, code, severity, startNanos, endNanos, resources, title, explanation, fix, settingFix, reason);
    }

    /** A finding with the code's usual severity. */
    public static Finding of(String id, FindingCode code, long startNanos, List<ResourceRef> resources,
                             String title, String explanation, String fix) {
        return new Finding(id, code, code.severity(), startNanos, OPEN, resources, title, explanation, fix, code.fix(), "");
    }
}
