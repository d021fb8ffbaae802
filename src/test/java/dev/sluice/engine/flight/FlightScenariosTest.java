package dev.sluice.engine.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.FindingLog;
import dev.sluice.event.AppEvent.RunOutcome;
import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.trace.TraceReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every Flight scenario on embedded servers on 127.0.0.1 yields exactly its findings, live and on replay. */
@Timeout(60)
class FlightScenariosTest {

    @TempDir
    Path dir;

    private RunResult run(String name, Map<String, String> extra) throws Exception {
        Scenario s = ScenarioRegistry.find(name).orElseThrow();
        Map<String, String> o = new HashMap<>(Map.of("flight.batches", "24", "flight.stallTimeout", "3s"));
        o.putAll(extra);
        RunResult r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withDataDir(dir).withOverrides(o)
                .withRecord(dir.resolve(name + ".sluice")));
        assertNull(r.error(), () -> name + " failed: " + r.error());
        assertEquals(RunOutcome.COMPLETED, r.outcome(), name);
        List<Finding> replayed = DetectorSuite.evaluate(TraceReader.readAll(r.trace()).events());
        assertEquals(codes(r.findings()), codes(replayed), name + ": replay finds the same");
        assertEquals(r.findings().stream().map(Finding::id).toList(), replayed.stream().map(Finding::id).toList());
        return r;
    }

    private static List<FindingCode> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }

    @Test
    void drainIsHealthyAndEveryRowArrives() throws Exception {
        RunResult r = run("flight-drain", Map.of());
        assertEquals(List.of(), r.findings());
        List<Event> events = TraceReader.readAll(r.trace()).events();
        long rows = events.stream().filter(e -> e.body() instanceof FlightEvent.BatchConsumed)
                .mapToLong(e -> ((FlightEvent.BatchConsumed) e.body()).rows()).sum();
        long perPartition = 24L * LineitemBatches.rowsFor(64 * 1024);
        assertEquals(2 * 2 * perPartition, rows, "rows consumed equal rows served");
        assertTrue(events.stream().anyMatch(e -> e.body() instanceof FlightEvent.StreamWindowSampled), "windows sampled");
    }

    @Test
    void selectAllOnH2StallsAndIsFoundWithinTwoSecondsOfTheLastProgress() throws Exception {
        RunResult r = run("flight-select-all-h2", Map.of());
        assertEquals(List.of(FindingCode.FLOW_CONTROL_STALL), codes(r.findings()));
        Finding f = r.findings().get(0);
        assertTrue(f.explanation().contains("e0-p1"), f.explanation());
        assertTrue(f.title().contains("e0-p0"), f.title());
        // replay event by event: when was it first reported, in run time?
        DetectorSuite suite = new DetectorSuite();
        AtomicLong now = new AtomicLong();
        AtomicLong firstReport = new AtomicLong(-1);
        FindingLog log = new FindingLog();
        for (Event e : TraceReader.readAll(r.trace()).events()) {
            now.set(e.timeNanos());
            suite.onEvent(e, found -> {
                firstReport.compareAndSet(-1, now.get());
                log.report(found);
            });
        }
        assertTrue(firstReport.get() > 0);
        assertTrue(firstReport.get() - f.startNanos() <= 2_000_000_000L,
                "found " + (firstReport.get() - f.startNanos()) / 1_000_000 + " ms after the last progress");
    }

    @Test
    void roundRobinOverCappedServerStarvesForSlots() throws Exception {
        RunResult r = run("flight-max-streams", Map.of());
        assertEquals(List.of(FindingCode.STREAM_SLOT_STARVATION), codes(r.findings()));
        String text = r.findings().get(0).explanation();
        assertTrue(text.contains("e0-p2") && text.contains("e0-p0") && text.contains("e0-p1"), text);
    }

    @Test
    void boundedDrainBringsTheStallBack() throws Exception {
        RunResult r = run("flight-bounded-drain", Map.of());
        assertEquals(List.of(FindingCode.FLOW_CONTROL_STALL), codes(r.findings()));
    }

    @Test
    void budgetSmallerThanTheSkewIsReportedNotOutOfMemory() throws Exception {
        RunResult r = run("flight-budget", Map.of());
        assertEquals(List.of(FindingCode.BUFFER_BUDGET_EXCEEDED), codes(r.findings()));
    }
}
