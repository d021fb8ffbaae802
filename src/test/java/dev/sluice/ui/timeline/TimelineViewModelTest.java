package dev.sluice.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.event.Engine;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.ui.Band;
import dev.sluice.ui.Snapshots;
import dev.sluice.ui.TestPort;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The timeline of a recorded demo run, without a JavaFX toolkit. */
class TimelineViewModelTest {

    @Test
    void atTheEndEveryEngineHasALaneAndTheLeakIsABandOnTheS3Lane() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        TimelineViewModel vm = new TimelineViewModel(port);
        port.show(demo, false);
        port.seek(demo.endNanos());

        TimelineViewModel.Picture pic = vm.picture(400);
        assertEquals(4, pic.lanes().size());
        assertEquals("S3 event loops", pic.lanes().get(1).label());
        assertEquals(400, pic.lanes().get(1).density().length, "one density value per pixel column");
        assertTrue(pic.lanes().subList(1, 4).stream().allMatch(l -> l.events() > 0), "the demo has events of every engine");
        Finding leak = demo.findings().stream().filter(f -> f.code() == FindingCode.CLIENT_LEAKED).findFirst().orElseThrow();
        Band band = pic.bands().stream().filter(b -> b.findingId().equals(leak.id())).findFirst().orElseThrow();
        assertEquals(TimelineViewModel.ENGINES.indexOf(Engine.S3), band.row());
        assertEquals(leak.startNanos(), band.startNanos());
        assertTrue(band.endNanos() <= demo.endNanos(), "clipped at the cursor");
        assertTrue(vm.summaryProperty().get().contains(demo.findings().size() + " of " + demo.findings().size()
                + " findings by the cursor"), vm.summaryProperty().get());
    }

    @Test
    void beforeAFindingStartsItIsNotDrawnAndSelectingItMarksItsBand() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        TimelineViewModel vm = new TimelineViewModel(port);
        port.show(demo, false);
        Finding leak = demo.findings().stream().filter(f -> f.code() == FindingCode.CLIENT_LEAKED).findFirst().orElseThrow();
        port.seek(leak.startNanos() - 1);
        assertTrue(vm.picture(300).bands().stream().noneMatch(b -> b.findingId().equals(leak.id())));

        int revision = vm.revisionProperty().get();
        port.focus(leak);
        assertTrue(vm.revisionProperty().get() > revision, "a new selection repaints");
        Band band = vm.picture(300).bands().stream().filter(b -> b.findingId().equals(leak.id())).findFirst().orElseThrow();
        assertTrue(band.selected());
        assertEquals(band.startNanos(), band.endNanos(), "at its very start the band is an instant");
    }

    @Test
    void anEmptySourceHasQuietLanesAndThePictureStaysOnItsThread() {
        TestPort port = new TestPort();
        TimelineViewModel vm = new TimelineViewModel(port);
        port.show(ModelSnapshot.EMPTY, false);
        TimelineViewModel.Picture pic = vm.picture(10);
        assertTrue(pic.lanes().stream().allMatch(l -> l.events() == 0));
        assertTrue(pic.bands().isEmpty());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> CompletableFuture.supplyAsync(() -> vm.picture(10)).get());
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
        assertTrue(pic.ticks().isEmpty());
    }

    @Test
    void scrubbingOneSnapshotDrawsAtEveryCursorWhatAFreshViewDraws() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        TimelineViewModel vm = new TimelineViewModel(port);
        port.show(demo, false);
        long step = Math.max(1, (demo.endNanos() - demo.startNanos()) / 37);
        for (long cursor = demo.startNanos(); cursor <= demo.endNanos() + step; cursor += step) {
            port.seek(cursor);
            TimelineViewModel.Picture scrubbed = vm.picture(333);
            TestPort freshPort = new TestPort();
            TimelineViewModel fresh = new TimelineViewModel(freshPort);
            freshPort.show(demo, false);
            freshPort.seek(cursor);
            TimelineViewModel.Picture expected = fresh.picture(333);
            assertEquals(expected.cursorNanos(), scrubbed.cursorNanos());
            for (int lane = 0; lane < expected.lanes().size(); lane++) {
                TimelineViewModel.Lane want = expected.lanes().get(lane);
                TimelineViewModel.Lane got = scrubbed.lanes().get(lane);
                assertEquals(want.events(), got.events(), want.label() + " at " + cursor);
                assertArrayEquals(want.density(), got.density(), want.label() + " at " + cursor);
            }
        }
    }
}
