package dev.sluice.ui.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.bench.SyntheticEvents;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.ResourceRef;
import dev.sluice.event.Event;
import dev.sluice.event.S3Event;
import dev.sluice.model.ModelBuilder;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.s3.S3Part;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceReader;
import dev.sluice.ui.Band;
import dev.sluice.ui.DemoTrace;
import dev.sluice.ui.Snapshots;
import dev.sluice.ui.TestPort;
import dev.sluice.ui.TimeText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event-loops view of a recorded demo run, without a JavaFX toolkit. */
class LoopsViewModelTest {

    @Test
    void atTheEndTheLeakedClientIsRedToTheEndWithItsThreadsAndRequestPaths() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        LoopsViewModel vm = new LoopsViewModel(port);
        port.show(demo, false);
        port.seek(demo.endNanos());

        LoopsViewModel.Picture pic = vm.picture();
        LoopsViewModel.Row leaked = pic.rows().stream().filter(r -> r.state() == LoopsViewModel.RowState.LEAKED)
                .findFirst().orElseThrow();
        assertEquals(LoopsViewModel.RowKind.CLIENT, leaked.kind());
        assertEquals(demo.endNanos(), leaked.endNanos(), "a leaked client's bar runs to the cursor");
        assertTrue(leaked.tooltip().endsWith("never closed: leaked"), leaked.tooltip());
        int row = pic.rows().indexOf(leaked);
        assertTrue(pic.bands().stream().anyMatch(b -> b.row() == row && b.title().startsWith("CLIENT_LEAKED")),
                "the leak is drawn on the client's row");
        assertTrue(pic.rows().stream().anyMatch(r -> r.kind() == LoopsViewModel.RowKind.THREAD));
        assertFalse(pic.paths().isEmpty(), "request paths");
        assertTrue(pic.fromNanos() <= pic.rows().get(0).startNanos() && pic.toNanos() > demo.endNanos(), "padded axis");
        assertTrue(vm.summaryProperty().get().contains("clients"), vm.summaryProperty().get());
    }

    @Test
    void clickingAClientSelectsItAndItsThreads() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        LoopsViewModel vm = new LoopsViewModel(port);
        port.show(demo, false);
        port.seek(demo.endNanos());
        LoopsViewModel.Row client = vm.picture().rows().get(0);

        vm.selectClient(client.id());
        assertEquals(List.of(ResourceRef.of("client", client.id())), port.selectionProperty().get());
        List<LoopsViewModel.Row> rows = vm.picture().rows();
        assertTrue(rows.get(0).selected());
        assertTrue(rows.stream().filter(LoopsViewModel.Row::selected).count() > 1, "its thread lanes too");
        vm.selectClient(null);
        assertTrue(port.selectionProperty().get().isEmpty());
    }

    @Test
    void beforeTheLeakIsReportedNoClientIsLeaked() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        long leakAt = demo.findings().stream().filter(f -> f.code() == FindingCode.CLIENT_LEAKED)
                .mapToLong(f -> f.startNanos()).min().orElseThrow();
        TestPort port = new TestPort();
        LoopsViewModel vm = new LoopsViewModel(port);
        port.show(demo, false);
        port.seek(leakAt - 1);
        LoopsViewModel.Picture pic = vm.picture();
        assertTrue(pic.rows().stream().noneMatch(r -> r.state() == LoopsViewModel.RowState.LEAKED));
        assertTrue(pic.bands().stream().map(Band::title).noneMatch(t -> t.startsWith("CLIENT_LEAKED")));
    }

    @Test
    void aBlockedEventLoopThreadIsMarkedOnItsRow() throws Exception {
        ModelSnapshot demo = Snapshots.demo();
        TestPort port = new TestPort();
        LoopsViewModel vm = new LoopsViewModel(port);
        port.show(demo, false);
        port.seek(demo.endNanos());
        String thread = vm.picture().rows().stream().filter(r -> r.kind() == LoopsViewModel.RowKind.THREAD)
                .findFirst().orElseThrow().id();

        TraceContents contents = TraceReader.readAll(DemoTrace.get());
        ModelBuilder builder = new ModelBuilder();
        builder.open(contents.run());
        contents.events().forEach(builder::fold);
        long at = demo.endNanos() - 1;
        builder.fold(new Event(contents.run().runId(), at, "s3-loop-watchdog", 1, new S3Event.ThreadBlocked(thread,
                S3Event.ThreadRole.EVENT_LOOP, "client-1", "java.lang.Thread.sleep", "app.Job.run", 1_000_000L)));
        ModelSnapshot blocked = builder.snapshot(demo.findings(), true, null);
        port.show(blocked, false);
        port.seek(demo.endNanos());

        LoopsViewModel.Picture pic = vm.picture();
        int row = pic.rows().indexOf(pic.rows().stream().filter(r -> r.id().equals(thread)).findFirst().orElseThrow());
        assertTrue(pic.bands().stream().anyMatch(b -> b.row() == row && b.title().contains("blocked in java.lang.Thread.sleep")),
                pic.bands().toString());
    }

    @Test
    void aReplayOfManyRequestsIsIndexedOffTheUiThreadWithoutPathsMeanwhileThenDrawnAsItWouldBe() throws Exception {
        ModelSnapshot many = manyRequests();
        int requests = S3Part.of(many).requests().size();
        assertTrue(requests > 2 * StartBlocks.BLOCK, "whole blocks to index: " + requests);
        TestPort port = new TestPort();
        port.deferOffUi = true;
        LoopsViewModel vm = new LoopsViewModel(port);
        vm.inlineBlocks = 1;
        port.show(many, false);
        long cursor = many.startNanos() + (many.endNanos() - many.startNanos()) / 2;
        port.seek(cursor);
        LoopsViewModel.Picture meanwhile = vm.picture();
        assertTrue(meanwhile.paths().isEmpty(), "no request walked on the FX thread while indexing");
        assertEquals(requests, meanwhile.indexingRequests());
        assertFalse(meanwhile.rows().isEmpty(), "clients and lanes are drawn meanwhile");
        assertEquals("indexing " + TimeText.count(requests) + " requests …", vm.summaryProperty().get());
        port.seek(cursor + 1);
        vm.picture();
        assertEquals(1, port.offUiWaiting(), "the replay is indexed once, however often the cursor moves meanwhile");
        port.runOffUi();
        LoopsViewModel.Picture done = vm.picture();
        assertEquals(0, port.offUiWaiting());
        assertEquals(fresh(many, cursor + 1), done);
        assertFalse(done.paths().isEmpty(), "request paths once the index is in");
        assertTrue(vm.summaryProperty().get().contains("clients"), vm.summaryProperty().get());
    }

    /** The demo run with the synthetic mix folded in: thousands of completed requests. */
    private static ModelSnapshot manyRequests() throws Exception {
        TraceContents contents = TraceReader.readAll(DemoTrace.get());
        ModelBuilder builder = new ModelBuilder();
        builder.open(contents.run());
        SyntheticEvents mix = new SyntheticEvents(contents.run().runId());
        for (int i = 0; i < 24 * StartBlocks.BLOCK; i++) {
            builder.fold(mix.next());
        }
        return builder.snapshot(List.of(), false, null);
    }

    private static LoopsViewModel.Picture fresh(ModelSnapshot model, long cursor) {
        TestPort port = new TestPort();
        LoopsViewModel vm = new LoopsViewModel(port);
        port.show(model, false);
        port.seek(cursor);
        return vm.picture();
    }
}
