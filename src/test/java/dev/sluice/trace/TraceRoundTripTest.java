package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.bench.SyntheticEvents;
import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.event.S3Event;
import dev.sluice.scenario.FindingsSink;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void eventsComeBackIdentical() throws Exception {
        SyntheticEvents source = new SyntheticEvents("r1");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            events.add(source.next());
        }
        events.add(new Event("r1", 20_000_000, "main", 1, new S3Event.RequestCompleted("c", "r", S3Event.RequestOutcome.FAILED, 0, 5, null)));
        events.add(new Event("r1", 20_000_001, "", 0, new AppEvent.Note("ünïcødé ✓")));
        Path file = dir.resolve("round.sluice");
        TraceFixtures.write(file, TraceFixtures.run("r1"), events, 7_000);

        TraceContents back = TraceReader.readAll(file);
        assertTrue(back.complete());
        assertNull(back.warning());
        assertEquals(TraceFixtures.run("r1"), back.run());
        assertEquals(events, back.events());
    }

    /**
     * Each batch has its own dictionaries, so the same index names a different value in the next
     * batch; the reader resolves enum ids per batch and must never carry one over.
     */
    @Test
    void enumValuesComeBackRightWhenEachBatchsDictionaryDiffers() throws Exception {
        S3Event.RequestOutcome[] outcomes = S3Event.RequestOutcome.values();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // batches of 10: batch b holds outcome b % 3 only, at index 0 of its outcome dictionary
            S3Event.RequestOutcome outcome = outcomes[(i / 10) % outcomes.length];
            events.add(new Event("r2", i, "main", 1, new S3Event.RequestCompleted("c", "q" + i, outcome, i, 5,
                    outcome == S3Event.RequestOutcome.OK ? null : "why")));
        }
        Path file = dir.resolve("outcomes.sluice");
        TraceFixtures.write(file, TraceFixtures.run("r2"), events, 10);

        assertEquals(events, TraceReader.readAll(file).events());
    }

    @Test
    void aRecordedRunReplaysToTheSameEventsAndFindings() throws Exception {
        Path file = dir.resolve("demo.sluice");
        RunResult live = TraceFixtures.recordDemo(file, dir.resolve("data"));
        assertTrue(live.completed(), "demo ran: " + live.error());
        assertEquals(List.of(FindingCode.CLIENT_LEAKED), live.findings().stream().map(Finding::code).toList());

        TraceContents back = TraceReader.readAll(file);
        assertTrue(back.complete());
        assertEquals(live.events(), back.events().size());
        assertEquals("demo", back.run().scenario());
        assertEquals(live.findings(), FindingsSink.replay(back), "replay through the pipeline");
        assertEquals(live.findings(), DetectorSuite.evaluate(back.events()), "detectors alone");
        assertTrue(back.events().get(0).body() instanceof AppEvent.RunStarted);
        // no heartbeat follows RunEnded, however late the pipeline closes on a loaded machine
        assertTrue(back.events().get(back.events().size() - 1).body() instanceof AppEvent.RunEnded,
                () -> "last events: " + back.events().subList(back.events().size() - 3, back.events().size()));
    }

    @Test
    void secretsInSettingsNeverReachTheTrace() throws Exception {
        Path file = dir.resolve("secret.sluice");
        var run = new RunInfo("s", "x",
                Settings.of(Map.of("s3.secretKey", "hunter2", "s3.profile", "staging"))
                        .redacted(), Instant.now(), "test");
        TraceFixtures.write(file, run, List.of(new Event("s", 1, "t", 1, new AppEvent.Note("n"))), 10);
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains("hunter2"));
        assertTrue(bytes.contains("staging"));
    }
}
