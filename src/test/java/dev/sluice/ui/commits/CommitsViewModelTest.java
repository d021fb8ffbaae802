package dev.sluice.ui.commits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.ResourceRef;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.ui.Band;
import dev.sluice.ui.Snapshots;
import dev.sluice.ui.TestPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commits view of a recorded demo run, without a JavaFX toolkit. */
class CommitsViewModelTest {

    @Test
    void atTheEndBothWritersTheirAttemptsAndTheTablesVersionsAreShown() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        CommitsViewModel vm = new CommitsViewModel(port);
        port.show(demo, false);

        CommitsViewModel.Picture pic = vm.picture();
        assertEquals(2, pic.writers().size(), "two delta writers");
        assertEquals(List.of(0L, 1L), pic.versions().stream().map(CommitsViewModel.Version::version).sorted().toList());
        assertEquals(pic.attempts().size(), vm.rows().size(), "the table lists every attempt");
        assertTrue(pic.attempts().stream().allMatch(a -> a.lane() >= 0 && a.lane() < 2));
        assertTrue(vm.summaryProperty().get().startsWith("2 writers"), vm.summaryProperty().get());

        port.seek(demo.startNanos());
        assertTrue(vm.picture().versions().isEmpty(), "no version committed at the start");
        // before the first attempt the run still has attempts: say they come later, not that there are none
        assertTrue(vm.picture().writers().isEmpty(), "no writer has started at the start");
        assertTrue(vm.runHasAttempts());
        assertEquals("no Delta commit started by the cursor · 2 later in the run", vm.summaryProperty().get());
    }

    @Test
    void scrubbingOneSnapshotDrawsAtEachCursorWhatAFreshViewDraws() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort scrubbed = new TestPort();
        CommitsViewModel reused = new CommitsViewModel(scrubbed);
        scrubbed.show(demo, false);
        long span = demo.endNanos() - demo.startNanos();
        for (int step = 0; step <= 40; step++) {
            long cursor = demo.startNanos() + span * step / 40;
            scrubbed.seek(cursor);
            TestPort fresh = new TestPort();
            CommitsViewModel once = new CommitsViewModel(fresh);
            fresh.show(demo, false);
            fresh.seek(cursor);
            assertEquals(once.picture(), reused.picture(), "at " + cursor);
        }
    }

    @Test
    void theFilterNarrowsTheTableAndTheCsvIsWrittenThroughThePort(@TempDir Path dir) throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        CommitsViewModel vm = new CommitsViewModel(port);
        port.show(demo, false);
        vm.picture();
        String writer = vm.rows().get(0).writer();
        vm.filterProperty().set(writer);
        assertTrue(!vm.rows().isEmpty() && vm.rows().stream().allMatch(a -> a.writer().equals(writer)));
        vm.filterProperty().set("no attempt has this");
        assertTrue(vm.rows().isEmpty());
        vm.filterProperty().set("");

        Path file = dir.resolve("attempts.csv");
        vm.exportCsv(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("writer,attempt,operation"));
        assertEquals(vm.rows().size() + 1, lines.size());
        assertEquals("saved " + vm.rows().size() + " attempts to " + file, port.messageProperty().get());
    }

    @Test
    void deltaFindingsCoverThePlotAndFollowTheSelection() throws Exception {
        ModelSnapshot plain = Snapshots.demo();
        long at = plain.endNanos() / 2;
        Finding conflict = Finding.of("c", FindingCode.COMMIT_CONFLICT, at, List.of(ResourceRef.of("writer", "w1")),
                "conflict", "why", "fix").endedAt(at + 10);
        ModelSnapshot demo = Snapshots.demoWith(List.of(conflict));
        TestPort port = new TestPort();
        CommitsViewModel vm = new CommitsViewModel(port);
        port.show(demo, false);
        Band band = vm.picture().bands().get(0);
        assertEquals(new Band(Band.WHOLE_PLOT, at, at + 10, conflict.severity(), "COMMIT_CONFLICT: conflict", "c", false),
                band);
        port.select(conflict.resources());
        assertTrue(vm.picture().bands().get(0).selected(), "a new selection rebuilds the picture");
    }

    @Test
    void scrubbingAReplayOfManyAttemptsTalliesOffTheUiThreadAndShowsWhatAFreshViewShows() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        CommitsViewModel vm = offTheUiThread(port);
        port.show(demo, false);
        vm.picture();
        port.runOffUi();
        CommitsViewModel.Picture atEnd = vm.picture();
        assertEquals(fresh(demo, demo.endNanos()), atEnd, "the tally done off the UI thread is the one made at once");

        long middle = demo.startNanos() + (demo.endNanos() - demo.startNanos()) / 2;
        port.seek(demo.startNanos());
        assertEquals(atEnd, vm.picture(), "the last picture stays drawn while the new cursor is tallied");
        port.seek(middle);
        assertEquals(atEnd, vm.picture());
        assertEquals(1, port.offUiWaiting(), "one tally at a time, however often the cursor moves");
        int revision = vm.revisionProperty().get();
        port.runOffUi();
        assertTrue(vm.revisionProperty().get() > revision, "a finished tally asks for a redraw");
        vm.picture(); // the cursor moved on meanwhile: it is tallied next
        port.runOffUi();
        assertEquals(fresh(demo, middle), vm.picture(), "the newest cursor is shown once tallied");
        assertEquals(0, port.offUiWaiting());
    }

    @Test
    void aNewReplayOfManyAttemptsIsIndexedOffTheUiThreadAndSaysSoMeanwhile() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        CommitsViewModel vm = offTheUiThread(port);
        port.show(demo, false);
        assertTrue(vm.picture().writers().isEmpty(), "nothing is drawn before the index is in");
        assertEquals(2, vm.indexing());
        assertEquals("indexing 2 commit attempts …", vm.summaryProperty().get());
        port.seek(demo.startNanos() + (demo.endNanos() - demo.startNanos()) / 2);
        vm.picture();
        assertEquals(1, port.offUiWaiting(), "the replay is indexed once, however often the cursor moves meanwhile");
        port.runOffUi();
        assertEquals(0, vm.indexing());
        vm.picture(); // the cursor moved while indexing: tallied now that the index is in
        port.runOffUi();
        assertEquals(fresh(demo, port.frameProperty().get().cursorNanos()), vm.picture());
    }

    /** A view whose work off the UI thread waits for the test, taken from the first attempt on. */
    private static CommitsViewModel offTheUiThread(TestPort port) {
        port.deferOffUi = true;
        CommitsViewModel vm = new CommitsViewModel(port);
        vm.offUiAttempts = 1;
        return vm;
    }

    private static CommitsViewModel.Picture fresh(ModelSnapshot model, long cursor) {
        TestPort port = new TestPort();
        CommitsViewModel vm = new CommitsViewModel(port);
        port.show(model, false);
        port.seek(cursor);
        return vm.picture();
    }
}
