package dev.sluice.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.scenario.FindingsSink;
import dev.sluice.scenario.RunResult;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceFixtures;
import dev.sluice.trace.TraceReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge of real recordings streamed (each trace pulled one batch at a time) gives the events and
 * the findings of the same merge over the traces read whole.
 */
class MergedStreamTest {

    @TempDir
    Path dir;

    @Test
    void twoRealTracesMergedStreamedGiveTheFindingsOfTheTracesLoaded() throws Exception {
        TraceContents a = demo("a");
        TraceContents b = demo("b");
        // small batches: every part is pulled over many batches, interleaved with the other's
        Path aFile = dir.resolve("a.sluice");
        Path bFile = dir.resolve("b.sluice");
        TraceFixtures.write(aFile, a.run(), a.events(), 64);
        TraceFixtures.write(bFile, b.run(), b.events(), 64);
        Checked complete = compare(aFile, bFile);
        assertTrue(complete.streamed.ending().complete());
        assertFalse(complete.streamed.findings().isEmpty(), "the demo has findings");

        // B cut before its end: A's RunEnded becomes a note streamed as loaded, findings on the end unconfirmed
        Path bCut = dir.resolve("b-cut.sluice");
        TraceFixtures.writeCut(bCut, b.run(), b.events().subList(0, b.events().size() - 5), 64);
        Checked cut = compare(aFile, bCut);
        assertFalse(cut.streamed.ending().complete());
        assertTrue(cut.streamed.ending().warning().startsWith("b-cut: the trace is incomplete"),
                cut.streamed.ending().warning());
        assertTrue(cut.events.stream().noneMatch(e -> e.body() instanceof AppEvent.RunEnded), "no run end kept");
        assertTrue(cut.streamed.findings().stream().anyMatch(f -> !f.confirmed()), cut.streamed.findings().toString());
    }

    private record Checked(FindingsSink.Checked streamed, List<Event> events) { }

    private Checked compare(Path a, Path b) throws Exception {
        MergedSource streamed = new MergedSource(List.of(open(a), open(b)));
        MergedSource loaded = new MergedSource(List.of(whole(open(a)), whole(open(b))));
        TraceContents loadedMerge = loaded.readAll();
        assertEquals(loadedMerge.events(), streamed.readAll().events(), "the same merged events");
        FindingsSink.Checked checked = FindingsSink.check(streamed, new DetectorSuite());
        List<Finding> replayed = FindingsSink.replay(loadedMerge);
        assertEquals(replayed, checked.findings());
        assertEquals(loadedMerge.events().size(), checked.events());
        assertEquals(loadedMerge.complete(), checked.ending().complete());
        assertEquals(loadedMerge.warning(), checked.ending().warning());
        return new Checked(checked, loadedMerge.events());
    }

    private static RecordedSource open(Path file) throws SourceException {
        return SourceFormats.standard().open(file.toString());
    }

    /** {@code source} read whole before the merge uses it, as every merge did before it streamed. */
    private static RecordedSource whole(RecordedSource source) {
        return new RecordedSource() {
            @Override
            public SourceKind kind() {
                return source.kind();
            }

            @Override
            public String name() {
                return source.name();
            }

            @Override
            public Ending stream(RecordingSink sink) throws SourceException {
                TraceContents contents = source.readAll();
                sink.open(contents.run());
                for (Event e : contents.events()) {
                    sink.accept(e);
                }
                return new Ending(contents.complete(), contents.warning(), contents.checksums());
            }
        };
    }

    private TraceContents demo(String name) throws Exception {
        Path file = dir.resolve(name + "-recorded.sluice");
        RunResult live = TraceFixtures.recordDemo(file, dir.resolve(name + "-data"));
        assertTrue(live.completed(), "demo ran: " + live.error());
        return TraceReader.readAll(file);
    }
}
