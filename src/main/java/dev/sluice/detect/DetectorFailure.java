package dev.sluice.detect;

import dev.sluice.event.Event;
import java.util.Locale;

/**
 * A detector threw: the analysis is wrong from here on, so it stops and says which detector, on
 * which event (kind, time, position in the stream). Never to be read as "no findings".
 */
public final class DetectorFailure extends RuntimeException {

    private final String detector;
    private final long eventNumber;

    DetectorFailure(Detector detector, Event event, long eventNumber, Throwable cause) {
        super("detector " + name(detector) + " failed on event #" + eventNumber + " ("
                + event.body().getClass().getSimpleName() + " at +" + seconds(event.timeNanos()) + ", thread "
                + event.thread() + "): " + describe(cause), cause);
        this.detector = name(detector);
        this.eventNumber = eventNumber;
    }

    DetectorFailure(Detector detector, long endNanos, long events, Throwable cause) {
        super("detector " + name(detector) + " failed at the end of the stream (+" + seconds(endNanos) + ", after "
                + events + " events): " + describe(cause), cause);
        this.detector = name(detector);
        this.eventNumber = -1;
    }

    /** The failing detector's class name, e.g. {@code ForeignCloseDetector}. */
    public String detector() {
        return detector;
    }

    /** Position of the event in the stream, counting from 1 (= its row in a trace); -1 at the end. */
    public long eventNumber() {
        return eventNumber;
    }

    private static String name(Detector detector) {
        // a bundle of rules over shared state names the rule that threw
        Detector d = detector instanceof FlightStallRules rules ? rules.running() : detector;
        String simple = d.getClass().getSimpleName();
        return simple.isEmpty() ? d.getClass().getName() : simple;
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }

    /** What was thrown and where in Sluice's code, in one line (the message alone can be null). */
    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(e.getClass().getSimpleName());
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.sluice.") && frame.getFileName() != null) {
                b.append(" at ").append(frame.getFileName()).append(':').append(frame.getLineNumber());
                break;
            }
        }
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            b.append(" (").append(e.getMessage().lines().findFirst().orElse("")).append(')');
        }
        return b.append("; this is a bug in Sluice or an event it cannot read — the findings are incomplete").toString();
    }
}
