package dev.sluice.detect;

import dev.sluice.event.Engine;
import java.util.List;
import java.util.function.Supplier;

/**
 * Each engine's detectors (and Sluice's own, for the run itself). This is the registration: adding
 * an engine's rules is one constant here; {@link DetectorSuite} runs every constant's rules in order.
 */
public enum EngineRules {
    APP(Engine.APP, List.of(EventsDroppedDetector::new, ScenarioFailedDetector::new)),
    S3(Engine.S3, List.of(ClientLeakedDetector::new, ClientChurnDetector::new, ForeignCloseDetector::new,
            BlockingOnEventLoopDetector::new, FutureNeverCompletedDetector::new, RequestsFailedDetector::new)),
    // the three stall rules over one shared Flight state (FlightStallRules), then the failures
    FLIGHT(Engine.FLIGHT, List.of(FlightStallRules::new, StreamsFailedDetector::new)),
    DELTA(Engine.DELTA, List.of(ConcurrentCreateConflictDetector::new, SchemaRaceConflictDetector::new,
            CommitConflictDetector::new, CommitsFailedDetector::new, UnobservedFailureDetector::new,
            LostWritesDetector::new, CorruptLogDetector::new,
            // from a table's log alone (an imported history)
            ConcurrentCommitsDetector::new, SchemaChangedDuringWritesDetector::new, TableRecreatedDetector::new,
            LogGapDetector::new, DuplicateTxnDetector::new, DuplicateFileAddDetector::new,
            UnreadableCommitDetector::new));

    private final Engine engine;
    private final List<Supplier<Detector>> rules;

    EngineRules(Engine engine, List<Supplier<Detector>> rules) {
        this.engine = engine;
        this.rules = rules;
    }

    public Engine engine() {
        return engine;
    }

    /** A fresh instance of each of the engine's detectors. */
    public List<Detector> fresh() {
        return rules.stream().map(Supplier::get).toList();
    }
}
