package dev.sluice.detect;

import dev.sluice.event.Event;
import java.util.List;
import java.util.function.Supplier;

/**
 * All detectors, fresh for one run, fed in order. Adding a rule is adding its constructor to
 * {@link #FACTORIES}.
 */
public final class DetectorSuite {

    private static final List<Supplier<Detector>> FACTORIES = List.of(
            EventsDroppedDetector::new,
            ClientLeakedDetector::new,
            ClientChurnDetector::new,
            ForeignCloseDetector::new,
            BlockingOnEventLoopDetector::new,
            FutureNeverCompletedDetector::new,
            FlowControlStallDetector::new,
            StreamSlotStarvationDetector::new,
            BufferBudgetExceededDetector::new,
            ScenarioFailedDetector::new,
            ConcurrentCreateConflictDetector::new,
            SchemaRaceConflictDetector::new,
            CommitConflictDetector::new,
            UnobservedFailureDetector::new,
            LostWritesDetector::new,
            CorruptLogDetector::new);

    private final List<Detector> detectors;
    private long lastTime;
    private boolean ended;

    public DetectorSuite() {
        this(FACTORIES.stream().map(Supplier::get).toList());
    }

    public DetectorSuite(List<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    public void onEvent(Event event, FindingSink sink) {
        lastTime = Math.max(lastTime, event.timeNanos());
        for (Detector d : detectors) {
            d.onEvent(event, sink);
        }
    }

    /** Ends the stream once; later calls do nothing. */
    public void onEnd(FindingSink sink) {
        if (ended) {
            return;
        }
        ended = true;
        for (Detector d : detectors) {
            d.onEnd(lastTime, sink);
        }
    }

    /** Runs every detector over a whole stream and returns the findings in output order. */
    public static List<Finding> evaluate(Iterable<Event> events) {
        DetectorSuite suite = new DetectorSuite();
        FindingLog log = new FindingLog();
        for (Event e : events) {
            suite.onEvent(e, log);
        }
        suite.onEnd(log);
        return log.sorted();
    }
}
