package dev.sluice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.ResourceRef;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.flight.FlightPart;
import dev.sluice.model.flight.StreamInfo;
import dev.sluice.ui.commits.CommitsViewModel;
import dev.sluice.ui.loops.LoopsViewModel;
import dev.sluice.ui.timeline.TimelineViewModel;
import dev.sluice.ui.windows.WindowsViewModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Selecting a finding highlights what it names in every view, by one mechanism ({@link Highlight}
 * over the port's selection): a stream and its connection in HTTP/2 windows, a writer and a version
 * in Commits, a client in Event loops, the finding's band on the timeline. On the recorded demo run.
 */
class HighlightTest {

    @Test
    void aFindingsResourcesAreHighlightedInEveryView() throws Exception {
        ModelSnapshot plain = Snapshots.demo();
        List<StreamInfo> streams = FlightPart.of(plain).streams();
        // a stream of the last connection: selecting it must also switch HTTP/2 windows to that connection
        StreamInfo stream = streams.get(streams.size() - 1);
        TestPort probe = new TestPort();
        CommitsViewModel commitsProbe = new CommitsViewModel(probe);
        LoopsViewModel loopsProbe = new LoopsViewModel(probe);
        probe.show(plain, false);
        probe.seek(plain.endNanos());
        String writer = commitsProbe.picture().writers().get(0);
        long version = commitsProbe.picture().versions().get(0).version();
        String client = loopsProbe.picture().rows().get(0).id();
        Finding f = Finding.of("f", FindingCode.FLOW_CONTROL_STALL, plain.endNanos() / 2,
                List.of(ResourceRef.of("stream", stream.stream()), ResourceRef.of("writer", writer),
                        ResourceRef.of("version", "v" + version), ResourceRef.of("client", client)),
                "what it names", "why", "fix");
        ModelSnapshot demo = Snapshots.demoWith(List.of(f));
        TestPort port = new TestPort();
        WindowsViewModel windows = new WindowsViewModel(port);
        CommitsViewModel commits = new CommitsViewModel(port);
        LoopsViewModel loops = new LoopsViewModel(port);
        TimelineViewModel timeline = new TimelineViewModel(port);
        port.show(demo, false);
        port.seek(demo.endNanos());
        assertTrue(windows.picture(100).streams().stream().noneMatch(WindowsViewModel.StreamRow::highlighted));
        assertTrue(commits.picture().highlightedWriters().isEmpty(), "nothing highlighted before the selection");

        port.focus(f);
        port.seek(demo.endNanos());

        assertEquals(stream.connection(), windows.connectionProperty().get(), "the named stream's connection is shown");
        List<String> litStreams = windows.picture(100).streams().stream().filter(WindowsViewModel.StreamRow::highlighted)
                .map(WindowsViewModel.StreamRow::stream).toList();
        assertEquals(List.of(stream.stream()), litStreams);
        CommitsViewModel.Picture pic = commits.picture();
        assertEquals(List.of(writer), pic.highlightedWriters());
        assertTrue(pic.attempts().stream().filter(CommitsViewModel.Attempt::highlighted)
                .allMatch(a -> a.writer().equals(writer)), "only the writer's attempts");
        assertFalse(pic.attempts().stream().noneMatch(CommitsViewModel.Attempt::highlighted));
        assertEquals(List.of(version), pic.versions().stream().filter(CommitsViewModel.Version::highlighted)
                .map(CommitsViewModel.Version::version).toList(), "a version named as v12 is found");
        assertTrue(loops.picture().rows().stream().filter(LoopsViewModel.Row::selected)
                .anyMatch(r -> r.id().equals(client)));
        List<Band> bands = timeline.picture(100).bands();
        assertTrue(!bands.isEmpty() && bands.stream().allMatch(Band::selected), "the finding's band is selected");
        assertTrue(windows.picture(100).bands().get(0).selected());

        port.select(List.of());
        assertTrue(commits.picture().highlightedWriters().isEmpty(), "clearing the selection clears every view");
        assertTrue(windows.picture(100).streams().stream().noneMatch(WindowsViewModel.StreamRow::highlighted));
    }
}
