package dev.sluice.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.bench.SyntheticEvents;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.event.S3Event;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The suite passes each event only to the detectors that read its kind: the findings are those of
 * every detector seeing every event, over recorded scenario traces of every engine and the synthetic mix.
 */
class DetectorRoutingTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private static List<Finding> findings(DetectorSuite suite, RunInfo run, List<Event> events, boolean complete) {
        FindingLog log = new FindingLog();
        suite.open(run);
        for (Event e : events) {
            suite.onEvent(e, log);
        }
        suite.onEnd(log, complete);
        return log.sorted();
    }

    private static int assertSameFindings(RunInfo run, List<Event> events) {
        int found = 0;
        for (boolean complete : new boolean[] {true, false}) {
            List<Finding> routed = findings(new DetectorSuite(), run, events, complete);
            List<Finding> unrouted = findings(DetectorSuite.unrouted(DetectorSuite.standard()), run, events, complete);
            assertEquals(unrouted, routed, run.scenario() + (complete ? "" : ", cut"));
            found += routed.size();
        }
        return found;
    }

    @Test
    void routedFindingsAreThoseOfEveryDetectorSeeingEveryEvent() throws Exception {
        int found = 0;
        for (String name : List.of("format-1/demo-v1", "format-1/s3-foreign-close-v1", "format-1/delta-ff-v1",
                "format-1/flight-h2-v1", "format-2/demo-v2")) {
            TraceContents trace = TraceReader.readAll(FIXTURES.resolve(name + ".sluice"));
            assertFalse(trace.events().isEmpty(), name);
            found += assertSameFindings(trace.run(), trace.events());
        }
        SyntheticEvents source = new SyntheticEvents("routing");
        List<Event> synthetic = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            synthetic.add(source.next());
        }
        assertSameFindings(new RunInfo("routing", "synthetic", Map.of(), Instant.EPOCH, "test"),
                synthetic);
        assertTrue(found > 0, "the traces have findings to compare");
    }

    /** The standard detectors as they were before the stall rules shared a state: each rule on its own. */
    private static List<Detector> eachStallRuleAlone() {
        List<Detector> out = new ArrayList<>();
        for (Detector d : DetectorSuite.standard()) {
            if (d instanceof FlightStallRules) {
                out.add(new FlowControlStallDetector());
                out.add(new StreamSlotStarvationDetector());
                out.add(new BufferBudgetExceededDetector());
            } else {
                out.add(d);
            }
        }
        return out;
    }

    @Test
    void stallRulesOverOneSharedStateFindWhatEachRuleAloneFinds() throws Exception {
        int flight = 0;
        for (String name : List.of("format-1/flight-h2-v1", "format-1/demo-v1", "format-2/demo-v2")) {
            TraceContents trace = TraceReader.readAll(FIXTURES.resolve(name + ".sluice"));
            for (boolean complete : new boolean[] {true, false}) {
                List<Finding> shared = findings(new DetectorSuite(), trace.run(), trace.events(), complete);
                List<Finding> alone = findings(new DetectorSuite(eachStallRuleAlone()), trace.run(), trace.events(),
                        complete);
                assertEquals(alone, shared, name + (complete ? "" : ", cut"));
                flight += (int) shared.stream().filter(f -> f.code() == FindingCode.FLOW_CONTROL_STALL
                        || f.code() == FindingCode.STREAM_SLOT_STARVATION
                        || f.code() == FindingCode.BUFFER_BUDGET_EXCEEDED).count();
            }
        }
        assertTrue(flight > 0, "the traces have stall findings to compare");
    }

    @Test
    void aDetectorIsGivenOnlyTheKindsItReads() {
        List<Event> seen = new ArrayList<>();
        Detector creations = new Detector() {
            @Override
            public Consumes consumes() {
                return Consumes.kinds(S3Event.ClientCreated.class);
            }

            @Override
            public void onEvent(Event event, FindingSink findings) {
                seen.add(event);
            }
        };
        Event created = new Event("k", 1, "main", 1, new S3Event.ClientCreated("client-1", S3Event.ClientKind.NETTY,
                S3Event.Lifecycle.PER_THREAD, "g", S3Event.LoopGroupOwner.SDK_OWNED, 1, S3Event.Completion.EXECUTOR));
        Event closed = new Event("k", 2, "main", 1, new S3Event.ClientClosed("client-1", 0, "main", S3Event.CloseTarget.CLIENT));
        DetectorSuite suite = new DetectorSuite(List.of(creations));
        FindingLog log = new FindingLog();
        suite.onEvent(created, log);
        suite.onEvent(closed, log);
        assertEquals(List.of(created), seen);
    }
}
