package dev.sluice.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.compare.ComparedRun;
import dev.sluice.compare.Comparison;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.ResourceRef;
import dev.sluice.event.Engine;
import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.RunInfo;
import dev.sluice.ui.Frame;
import dev.sluice.ui.TestPort;
import dev.sluice.ui.TimeAxis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compare view's model over hand-made runs, without a JavaFX toolkit. */
class CompareViewModelTest {

    private static final long MS = 1_000_000L;

    /** A Flight run: {@code batches} of 1000 bytes, 10 ms apart, then the stream ends {@code stallMs} after the last. */
    static List<Event> flight(int batches, long stallMs) {
        List<Event> events = new ArrayList<>();
        events.add(new Event("r", 0, "c", 1, new FlightEvent.StreamOpened("conn-0", "e0-p0", "t")));
        for (int i = 1; i <= batches; i++) {
            events.add(new Event("r", i * 10L * MS, "c", 1, new FlightEvent.BatchReceived("conn-0", "e0-p0", 10, 1000)));
        }
        events.add(new Event("r", (batches * 10L + stallMs) * MS, "c", 1,
                new FlightEvent.StreamCompleted("conn-0", "e0-p0", FlightEvent.StreamOutcome.OK, batches * 10L, null)));
        return events;
    }

    static ComparedRun run(String name, String strategy, List<Event> events, Finding... findings) {
        return new ComparedRun(name + ".sluice", new RunInfo(name, "flight-select-all-h2",
                Map.of("flight.strategy", strategy), Instant.EPOCH, "test"), events, List.of(findings));
    }

    static Finding stall() {
        return Finding.of("FLOW_CONTROL_STALL/conn-0", FindingCode.FLOW_CONTROL_STALL, 5 * MS,
                List.of(ResourceRef.of("connection", "conn-0")), "Flow-control stall on conn-0", "why", "prose");
    }

    @Test
    void showsTheFindingGoneTheSettingChangedAndTheFiguresWithTheirRatio() {
        CompareViewModel vm = new CompareViewModel(new TestPort());
        assertTrue(vm.findings().isEmpty());
        vm.show(Compared.of(Comparison.of(run("a", "select-all", flight(10, 3000), stall()),
                run("b", "drain", flight(10, 0)), Comparison.DEFAULT_TOLERANCE_PERCENT)));

        assertEquals(List.of(new CompareViewModel.FindingRow(CompareViewModel.Change.GONE, FindingCode.FLOW_CONTROL_STALL,
                "Flow-control stall on conn-0", "flight.strategy=drain", Engine.FLIGHT,
                List.of(ResourceRef.of("connection", "conn-0")))), vm.findings());
        assertEquals("1 gone, 0 stayed, 0 new", vm.summaryProperty().get());
        assertEquals("settings changed: flight.strategy select-all → drain", vm.settingsProperty().get());
        assertTrue(vm.runsProperty().get().startsWith("A: a.sluice (run a of flight-select-all-h2, 1 finding(s))"));
        assertTrue(vm.holdsProperty().get());
        assertTrue(vm.verdictProperty().get().startsWith("holds:"));

        CompareViewModel.FigureLine stall = vm.figures().stream().filter(l -> l.figure().equals("Flight stall time"))
                .findFirst().orElseThrow();
        assertEquals(new CompareViewModel.FigureLine("Flight stall time", "3.000 s", "0.000 s", "0.00×", false), stall);
        CompareViewModel.FigureLine rate = vm.figures().get(0);
        assertEquals("Flight bytes/s", rate.figure());
        assertEquals("31.00×", rate.ratio(), "3.1 s down to 0.1 s for the same bytes");
    }

    @Test
    void aNewFindingOrAWorseFigureMeansTheFixDoesNotHold() {
        CompareViewModel vm = new CompareViewModel(new TestPort());
        vm.show(Compared.of(Comparison.of(run("b", "drain", flight(10, 0)),
                run("a", "select-all", flight(10, 3000), stall()), Comparison.DEFAULT_TOLERANCE_PERCENT)));
        assertFalse(vm.holdsProperty().get());
        assertEquals(CompareViewModel.Change.NEW, vm.findings().get(0).change());
        assertEquals("does not hold: new in B: FLOW_CONTROL_STALL; worse than A beyond 20%: Flight bytes/s, "
                + "Flight stall time", vm.verdictProperty().get());
        assertEquals(2, vm.figures().stream().filter(CompareViewModel.FigureLine::worse).count(), vm.figures().toString());
    }

    @Test
    void bothRunsAreShownOnOneTimeAxisWithOneCursorAndOneSelection() {
        CompareViewModel vm = new CompareViewModel(new TestPort());
        vm.show(Compared.of(Comparison.of(run("a", "select-all", flight(10, 3000), stall()),
                run("b", "drain", flight(10, 0)), Comparison.DEFAULT_TOLERANCE_PERCENT)));

        Frame a = vm.a().frameProperty().get();
        Frame b = vm.b().frameProperty().get();
        assertEquals(3100 * MS, a.model().endNanos(), "A stalls 3 s");
        assertEquals(100 * MS, b.model().endNanos(), "B does not");
        assertEquals(1, a.model().findings().size(), "each run keeps its own findings");
        assertTrue(b.model().findings().isEmpty());
        TimeAxis ownOfB = new TimeAxis(0, 100 * MS, 0, 1);
        TimeAxis shared = vm.b().span(ownOfB);
        assertEquals(vm.a().span(new TimeAxis(5, 6, 0, 1)), shared, "whatever a view would fit, both share one span");
        assertTrue(shared.fromNanos() == 0 && shared.toNanos() >= 3100 * MS, "from run start to the later end: " + shared);
        assertEquals(shared.toNanos(), a.cursorNanos(), "the cursor starts at the end: everything drawn");

        vm.a().seek(50 * MS);
        assertEquals(50 * MS, vm.b().frameProperty().get().cursorNanos(), "one cursor for both runs");
        vm.select(vm.findings().get(0));
        assertEquals(List.of(ResourceRef.of("connection", "conn-0")), vm.b().selectionProperty().get(),
                "a finding of A selected highlights what it names in B too");
        assertEquals(50 * MS, vm.a().frameProperty().get().cursorNanos(), "selecting does not move the cursor");
        assertEquals(Engine.FLIGHT, vm.engineInQuestionProperty().get());
        assertEquals("A: a.sluice", vm.name(vm.a()));
    }
}
