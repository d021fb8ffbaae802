package dev.sluice.ui.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.ResourceRef;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.ui.Band;
import dev.sluice.ui.Snapshots;
import dev.sluice.ui.TestPort;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP/2 windows view of a recorded demo run, without a JavaFX toolkit. */
class WindowsViewModelTest {

    @Test
    void theFirstConnectionIsShownWithItsSeriesAndStreams() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        WindowsViewModel vm = new WindowsViewModel(port);
        port.show(demo, false);
        port.seek(demo.endNanos());

        assertFalse(vm.connections().isEmpty());
        assertEquals(vm.connections().get(0), vm.connectionProperty().get());
        WindowsViewModel.Picture pic = vm.picture(200);
        assertEquals(List.of("receive window", "unconsumed bytes", "send window (peer)"),
                pic.series().stream().map(WindowsViewModel.Series::name).toList());
        assertEquals(200, pic.series().get(0).max().length, "decimated to the columns");
        assertFalse(pic.streams().isEmpty(), "flight streams");
        assertTrue(pic.receiveFill() >= 0 && pic.receiveFill() <= 1);
    }

    @Test
    void onlyTheStallsOfTheShownConnectionAreBands() throws Exception {
        ModelSnapshot plain = Snapshots.demo();
        TestPort probe = new TestPort();
        WindowsViewModel first = new WindowsViewModel(probe);
        probe.show(plain, false);
        String conn = first.connectionProperty().get();
        long at = plain.endNanos() / 2;
        Finding mine = Finding.of("mine", FindingCode.FLOW_CONTROL_STALL, at, List.of(ResourceRef.of("connection", conn)),
                "stalled", "why", "fix");
        Finding other = Finding.of("other", FindingCode.FLOW_CONTROL_STALL, at,
                List.of(ResourceRef.of("connection", conn + "-elsewhere")), "stalled", "why", "fix");
        Finding s3 = Finding.of("s3", FindingCode.CLIENT_LEAKED, at, List.of(ResourceRef.of("client", "client-1")),
                "leaked", "why", "fix");
        ModelSnapshot demo = Snapshots.demoWith(List.of(mine, other, s3));
        TestPort port = new TestPort();
        WindowsViewModel vm = new WindowsViewModel(port);
        port.show(demo, false);
        port.seek(demo.endNanos());

        List<Band> bands = vm.picture(100).bands();
        assertEquals(List.of("mine"), bands.stream().map(Band::findingId).toList());
        assertEquals(Band.WHOLE_PLOT, bands.get(0).row());
        assertEquals(demo.endNanos(), bands.get(0).endNanos(), "an open stall runs to the cursor");
        port.seek(at - 1);
        assertTrue(vm.picture(100).bands().isEmpty(), "not yet started");
    }

    @Test
    void withoutFlightThereIsNoConnection() {
        TestPort port = new TestPort();
        WindowsViewModel vm = new WindowsViewModel(port);
        // a live run that has not produced a Flight event yet
        port.show(ModelSnapshot.EMPTY, true);
        assertNull(vm.connectionProperty().get());
        assertTrue(vm.picture(50).streams().isEmpty());
        assertEquals("no Flight connections in this run", vm.summaryProperty().get());
    }

    @Test
    void withNoConnectionPickedTheSamplesDrawNothingAndNothingThrows() throws Exception {
        // a live run's first pulses can hold window samples before a connection is picked
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        WindowsViewModel vm = new WindowsViewModel(port);
        port.show(demo, false);
        vm.connectionProperty().set(null);
        port.seek(demo.endNanos());
        WindowsViewModel.Picture pic = vm.picture(50);
        assertTrue(pic.streams().isEmpty(), "no connection, no streams");
        assertTrue(Arrays.stream(pic.series().get(0).max()).allMatch(Double::isNaN), "no samples folded");
    }

    @Test
    void aLargeFreshDecimationIsFoldedOffTheUiThreadWhileTheViewSaysBuilding() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort reference = new TestPort();
        WindowsViewModel atOnce = new WindowsViewModel(reference);
        reference.show(demo, false);
        reference.seek(demo.endNanos());
        TestPort port = new TestPort();
        port.deferOffUi = true;
        WindowsViewModel vm = new WindowsViewModel(port);
        vm.offUiSamples = 1;
        port.show(demo, false);
        port.seek(demo.endNanos());

        assertTrue(vm.picture(200).building(), "nothing to show until the fold is done");
        assertTrue(vm.picture(200).building());
        assertEquals(1, port.offUiWaiting(), "one fold at a time, however often it is drawn");
        int revision = vm.revisionProperty().get();
        port.runOffUi();
        assertEquals(revision + 1, vm.revisionProperty().get(), "the finished fold asks for a redraw");
        WindowsViewModel.Picture pic = vm.picture(200);
        assertFalse(pic.building());
        assertFalse(vm.building());
        assertEquals(atOnce.picture(200).series().stream().map(s -> Arrays.toString(s.max())).toList(),
                pic.series().stream().map(s -> Arrays.toString(s.max())).toList(), "the same series as folded at once");

        port.seek(demo.startNanos() + (demo.endNanos() - demo.startNanos()) / 2);
        WindowsViewModel.Picture meanwhile = vm.picture(200);
        assertTrue(meanwhile.building(), "moving back: the series fed past the cursor is not shown while the new one folds");
        assertEquals(1, port.offUiWaiting());
        port.runOffUi();
        assertFalse(vm.picture(200).building(), "the fold up to the new cursor is shown");
    }
}
