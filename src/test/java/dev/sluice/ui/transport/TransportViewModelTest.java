package dev.sluice.ui.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.Finding;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.ReplayTransport;
import dev.sluice.ui.Snapshots;
import dev.sluice.ui.TestPort;
import org.junit.jupiter.api.Test;

/** The transport bar over a recorded demo run, without a JavaFX toolkit. */
class TransportViewModelTest {

    @Test
    void theScrubberSpansTheRunAndEachFindingIsMarkedOnIt() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        TransportViewModel vm = new TransportViewModel(port);
        port.show(demo, false);
        assertEquals(demo.startNanos(), vm.startProperty().get(), 0.5);
        assertEquals(demo.endNanos(), vm.endProperty().get(), 0.5);
        assertEquals(demo.endNanos(), vm.cursorProperty().get(), 0.5);
        assertTrue(vm.hasDataProperty().get());
        assertEquals(demo.findings().size(), vm.marksProperty().get().size());
        assertTrue(vm.marksProperty().get().stream().allMatch(m -> m.fraction() >= 0 && m.endFraction() <= 1
                && m.fraction() <= m.endFraction()));
        assertTrue(vm.cursorTextProperty().get().contains("event " ), vm.cursorTextProperty().get());
        assertFalse(vm.cursorTextProperty().get().contains("LIVE"));
    }

    @Test
    void stepsSeeksAndSpeedGoThroughThePort() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        TransportViewModel vm = new TransportViewModel(port);
        port.show(demo, false);
        vm.seek(demo.startNanos());
        assertEquals(demo.startNanos(), port.cursor());
        vm.stepFinding(1);
        Finding first = demo.findings().stream().filter(f -> f.startNanos() > demo.startNanos()).findFirst().orElseThrow();
        assertEquals(first.startNanos(), port.cursor(), "the next finding's start");
        assertEquals(first.resources(), port.selectionProperty().get());
        long before = port.cursor();
        vm.stepEvent(1);
        assertTrue(port.cursor() > before);
        vm.speedProperty().set("max");
        assertEquals(ReplayTransport.UNPACED, port.speed);
        vm.speedProperty().set("0.25×");
        assertEquals(0.25, port.speed);
        vm.togglePlay();
        assertTrue(vm.playingProperty().get());
    }
}
