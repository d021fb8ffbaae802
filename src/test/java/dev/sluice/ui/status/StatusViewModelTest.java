package dev.sluice.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.model.ModelSnapshot;
import dev.sluice.ui.Snapshots;
import dev.sluice.ui.TestPort;
import dev.sluice.ui.TimeText;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

/** The status bar over a replay, its clock set by the test (no timing). */
class StatusViewModelTest {

    @Test
    void theRateIsEventsPassedByTheCursorPerSecondOfTheDisplayClock() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        StatusViewModel vm = new StatusViewModel(port, new SimpleObjectProperty<>(ServersState.NOT_CHECKED));
        port.show(demo, false);
        port.clock += 300_000_000L;
        port.seek(demo.startNanos());
        int atStart = demo.times().lastAtOrBefore(demo.startNanos()) + 1;
        port.clock += 100_000_000L;
        port.seek(demo.endNanos());
        assertEquals("0 events/s", vm.rateProperty().get(), "within a quarter second nothing is refreshed");
        port.clock += 400_000_000L;
        port.stepEvent(-1);
        int now = demo.times().lastAtOrBefore(port.cursor()) + 1;
        assertEquals(TimeText.count((now - atStart) / 0.5) + " events/s", vm.rateProperty().get(),
                "the events passed over the half second since the last refresh");
        assertTrue(vm.rateProperty().get().endsWith(" events/s"));
        assertEquals("frame p99 16.7 ms", vm.framesProperty().get());
        assertTrue(vm.memoryProperty().get().startsWith("heap "));
    }

    @Test
    void dropsAndTheTraceSizeComeFromThePort() throws Exception {
        TestPort port = new TestPort();
        StatusViewModel vm = new StatusViewModel(port, new SimpleObjectProperty<>(ServersState.NOT_CHECKED));
        assertEquals("no trace", vm.traceProperty().get());
        port.traceBytesProperty().set(3 * 1024 * 1024);
        assertEquals("trace 3.0 MiB", vm.traceProperty().get());
        port.liveDropped = 12;
        port.show(Snapshots.demo(), true);
        assertEquals("12 dropped", vm.droppedProperty().get());
        assertTrue(vm.droppedAnyProperty().get());
        port.report("saved view to x.png");
        assertEquals("saved view to x.png", vm.messageProperty().get());
    }
}
