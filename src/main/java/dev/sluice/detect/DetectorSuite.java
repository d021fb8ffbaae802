package dev.sluice.detect;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import dev.sluice.event.RunInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * All detectors, fresh for one run, fed in order; each event goes only to the detectors that read its
 * kind ({@link Detector#consumes()}). Adding a rule is adding its constructor to its
 * engine's {@link EngineRules} constant. A detector that throws stops the suite with a {@link DetectorFailure} naming
 * it and the event; the suite is unusable afterwards (its findings are incomplete).
 */
public final class DetectorSuite {

    private final List<Detector> detectors;
    /** The detectors that read each kind ({@link Detector#consumes()}), in suite order, by catalog index. */
    private final Detector[][] byKind;
    private final ReportedIds reported = new ReportedIds();
    private final FailureTally tally = new FailureTally();
    private long lastTime;
    private long events;
    private boolean runEnded;
    private boolean ended;
    private DetectorFailure failure;

    public DetectorSuite() {
        this(standard());
    }

    public DetectorSuite(List<Detector> detectors) {
        this(detectors, true);
    }

    private DetectorSuite(List<Detector> detectors, boolean routed) {
        this.detectors = List.copyOf(detectors);
        List<EventKind> kinds = EventCatalog.kinds();
        byKind = new Detector[kinds.size()][];
        for (int i = 0; i < byKind.length; i++) {
            EventKind kind = kinds.get(i);
            byKind[i] = this.detectors.stream().filter(d -> !routed || d.consumes().reads(kind))
                    .toArray(Detector[]::new);
        }
    }

    /**
     * A suite that gives every detector every event, whatever it {@link Detector#consumes()}: the
     * suite before routing, which the benchmark and the equivalence test compare against.
     */
    public static DetectorSuite unrouted(List<Detector> detectors) {
        return new DetectorSuite(detectors, false);
    }

    /** A fresh instance of every standard detector, in suite order. */
    public static List<Detector> standard() {
        List<Detector> all = new ArrayList<>();
        for (EngineRules engine : EngineRules.values()) {
            all.addAll(engine.fresh());
        }
        return all;
    }

    /** Tells the detectors which run (and settings) the stream is of; call before the first event. */
    public void open(RunInfo run) {
        for (Detector d : detectors) {
            d.onRun(run);
        }
    }

    /** What failed in the run so far, counted from the events. */
    public FailureTally tally() {
        return tally;
    }

    /** @throws DetectorFailure when a detector throws (then, and on every later call) */
    public void onEvent(Event event, FindingSink sink) {
        if (failure != null) {
            throw failure;
        }
        events++;
        lastTime = Math.max(lastTime, event.timeNanos());
        if (event.body() instanceof AppEvent.RunEnded) {
            runEnded = true;
        }
        int kind = EventCatalog.indexOf(event.body());
        tally.fold(event, kind);
        reported.target = sink;
        for (Detector d : byKind[kind]) {
            try {
                d.onEvent(event, reported);
            } catch (RuntimeException | StackOverflowError e) { // a runaway recursion is a detector bug too
                failure = new DetectorFailure(d, event, events, e);
                throw failure;
            }
        }
    }

    /** Ends a live run's stream (the run ended) once; later calls do nothing. */
    public void onEnd(FindingSink sink) {
        onEnd(sink, true);
    }

    /**
     * Ends the stream once; later calls do nothing. {@code streamComplete} is false for a trace cut
     * before its end: unless its RunEnded event was seen, findings first reported at the end are then
     * marked unconfirmed, since the run may have closed or completed what was still open.
     *
     * @throws DetectorFailure when a detector throws
     */
    public void onEnd(FindingSink sink, boolean streamComplete) {
        if (failure != null) {
            throw failure;
        }
        if (ended) {
            return;
        }
        ended = true;
        StreamEnd how = streamComplete || runEnded ? StreamEnd.RUN_ENDED : StreamEnd.TRACE_CUT;
        FindingSink target = how == StreamEnd.RUN_ENDED ? reported : new DoubtNew(reported,
                "the trace ends at +" + DetectorFailure.seconds(lastTime));
        reported.target = sink;
        for (Detector d : detectors) {
            try {
                d.onEnd(lastTime, how, target);
            } catch (RuntimeException | StackOverflowError e) { // a runaway recursion is a detector bug too
                failure = new DetectorFailure(d, lastTime, events, e);
                throw failure;
            }
        }
    }

    /** Why the suite stopped, or null while it works. */
    public DetectorFailure failure() {
        return failure;
    }

    /**
     * Runs every detector over a whole stream and returns the findings in output order.
     *
     * @throws DetectorFailure when a detector throws
     */
    public static List<Finding> evaluate(Iterable<Event> events) {
        DetectorSuite suite = new DetectorSuite();
        FindingLog log = new FindingLog();
        for (Event e : events) {
            suite.onEvent(e, log);
        }
        suite.onEnd(log);
        return log.sorted();
    }

    /** Passes reports on and remembers which ids were reported, so the end can tell new from updated. */
    private static final class ReportedIds implements FindingSink {
        final Set<String> ids = new HashSet<>();
        FindingSink target;

        @Override
        public void report(Finding finding) {
            ids.add(finding.id());
            target.report(finding);
        }
    }

    /** At the end of a cut trace: a finding not reported before rests on how the run ended, unseen. */
    private record DoubtNew(ReportedIds reported, String reason) implements FindingSink {
        @Override
        public void report(Finding finding) {
            boolean seen = reported.ids.contains(finding.id());
            reported.report(seen || !finding.confirmed() ? finding : finding.unconfirmed(reason));
        }
    }
}
