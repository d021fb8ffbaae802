package dev.sluice.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.compare.ComparedRun;
import dev.sluice.compare.Comparison;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.ResourceRef;
import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.RunInfo;
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
        CompareViewModel vm = new CompareViewModel();
        assertTrue(vm.findings().isEmpty());
        vm.show(Comparison.of(run("a", "select-all", flight(10, 3000), stall()), run("b", "drain", flight(10, 0)),
                Comparison.DEFAULT_TOLERANCE_PERCENT));

        assertEquals(List.of(new CompareViewModel.FindingRow(CompareViewModel.Change.GONE, FindingCode.FLOW_CONTROL_STALL,
                "Flow-control stall on conn-0", "flight.strategy=drain")), vm.findings());
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
        CompareViewModel vm = new CompareViewModel();
        vm.show(Comparison.of(run("b", "drain", flight(10, 0)), run("a", "select-all", flight(10, 3000), stall()),
                Comparison.DEFAULT_TOLERANCE_PERCENT));
        assertFalse(vm.holdsProperty().get());
        assertEquals(CompareViewModel.Change.NEW, vm.findings().get(0).change());
        assertEquals("does not hold: new in B: FLOW_CONTROL_STALL; worse than A beyond 20%: Flight bytes/s, "
                + "Flight stall time", vm.verdictProperty().get());
        assertEquals(2, vm.figures().stream().filter(CompareViewModel.FigureLine::worse).count(), vm.figures().toString());
    }
}
