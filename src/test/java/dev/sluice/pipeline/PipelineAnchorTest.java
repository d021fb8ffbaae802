package dev.sluice.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A live run's wall-clock anchor (startedAt) is taken at its run time 0, not when the run was described. */
class PipelineAnchorTest {

    @Test
    void startedAtIsTakenAtRunTimeZeroBeforeTheSinksOpen() throws Exception {
        RunInfo described = new RunInfo("r", "s", Map.of("k", "v"), Instant.EPOCH, "test");
        List<RunInfo> opened = new ArrayList<>();
        List<Instant> openedAt = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        EventSink sink = new EventSink() {
            @Override
            public void open(RunInfo run) {
                openedAt.add(Instant.now());
                opened.add(run);
            }

            @Override
            public void accept(List<Event> batch) {
                events.addAll(batch);
            }
        };
        Instant before = Instant.now();
        Pipeline pipeline = Pipeline.live(described, 1024, List.of(sink));
        pipeline.emit(new AppEvent.Note("first"));
        pipeline.close();
        Instant anchor = pipeline.run().startedAt();
        assertEquals(anchor, opened.get(0).startedAt(), "the sinks record the same anchor the pipeline reports");
        assertFalse(anchor.isBefore(before), "not the time the run was described");
        assertFalse(anchor.isAfter(openedAt.get(0)), "taken before the sinks open, at run time 0");
        assertEquals(Map.of("k", "v"), opened.get(0).settings());
        assertTrue(events.stream().allMatch(e -> e.timeNanos() >= 0));
    }

    @Test
    void aReplayKeepsTheRecordedAnchor() throws Exception {
        RunInfo recorded = new RunInfo("r", "s", Map.of(), Instant.parse("2026-01-01T00:00:00Z"), "test");
        Pipeline pipeline = Pipeline.replay(recorded, List.of(batch -> { }));
        pipeline.close();
        assertEquals(recorded, pipeline.run());
    }
}
