package dev.sluice.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.Finding;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.RunInfo;
import dev.sluice.event.S3Event;
import dev.sluice.scenario.FindingsSink;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceReader;
import dev.sluice.trace.TraceWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes' traces, each with its own "client-1", merged on one clock. */
class MergedSourceTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void twoProcessesMergeOnOneClockWithALaneEachAndFindingsOverBoth() throws Exception {
        // A closes its client-1; B (started 1.5 s later by the wall clock) leaks its own client-1
        Path a = trace("a", T0, true);
        Path b = trace("b", T0.plusMillis(1500), false);
        MergedSource merged = new MergedSource(List.of(SourceFormats.standard().open(a.toString()),
                SourceFormats.standard().open(b.toString())));
        TraceContents contents = merged.readAll();
        assertTrue(contents.complete());
        assertEquals(T0, contents.run().startedAt());
        assertTrue(contents.run().settings().get("merge.alignment").contains("error ≤ 1 ms for processes on one host"),
                contents.run().settings().toString());
        AppEvent.Note first = (AppEvent.Note) contents.events().get(0).body();
        assertTrue(first.text().startsWith("one clock for 2 processes (a at +0.000 s, b at +1.500 s); aligned on each"
                + " run's wall-clock start"), first.text());
        List<Long> times = contents.events().stream().map(Event::timeNanos).toList();
        assertEquals(times.stream().sorted().toList(), times, "one clock: in time order");
        Event bCreated = contents.events().stream().filter(e -> e.body() instanceof S3Event.ClientCreated c
                && c.client().equals("b/client-1")).findFirst().orElseThrow();
        assertEquals(1_500_000_000L + 1_000_000, bCreated.timeNanos());
        assertEquals("b/main", bCreated.thread(), "B's lane");
        assertTrue(contents.events().stream().anyMatch(e -> "a/main".equals(e.thread())), "A's lane");
        List<Finding> findings = FindingsSink.replay(contents);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("CLIENT_LEAKED", findings.get(0).code().name());
        assertTrue(findings.get(0).toString().contains("b/client-1"), findings.toString());
        // replay's merged trace holds the same run
        Path out = dir.resolve("merged.sluice");
        merged.record(out);
        TraceContents written = TraceReader.readAll(out);
        assertEquals(contents.events().size(), written.events().size());
        assertEquals(findings.size(), FindingsSink.replay(written).size());
    }

    private Path trace(String name, Instant started, boolean closes) throws Exception {
        Path file = dir.resolve(name + ".sluice");
        RunInfo run = new RunInfo(name, "agent:App@" + name, Map.of(), started, "test");
        List<Event> events = new ArrayList<>();
        events.add(event(run, 0, new AppEvent.RunStarted(run.scenario(), "test")));
        events.add(event(run, 1_000_000, new S3Event.ClientCreated("client-1", S3Event.ClientKind.NETTY,
                S3Event.Lifecycle.SHARED, "loops-1", S3Event.LoopGroupOwner.SDK_OWNED, 2, S3Event.Completion.EXECUTOR)));
        if (closes) {
            events.add(event(run, 2_000_000, new S3Event.ClientClosed("client-1", 0, "main", S3Event.CloseTarget.CLIENT)));
        }
        events.add(event(run, 3_000_000, new AppEvent.RunEnded(run.scenario(), AppEvent.RunOutcome.COMPLETED)));
        TraceWriter writer = new TraceWriter(file);
        writer.open(run);
        writer.accept(events);
        writer.close();
        return file;
    }

    private static Event event(RunInfo run, long time, EventBody body) {
        return new Event(run.runId(), time, "main", 1, body);
    }
}
