package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.bench.SyntheticEvents;
import dev.sluice.detect.Detector;
import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingSink;
import dev.sluice.event.Event;
import dev.sluice.scenario.FindingsSink;
import dev.sluice.scenario.RunResult;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceFormats;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `check` streams a trace through the detectors in one pass: the same result as reading it whole first. */
class StreamedCheckTest {

    @TempDir
    Path dir;

    @Test
    void aScenarioTraceStreamedGivesTheFindingsOfTheTraceLoaded() throws Exception {
        Path file = dir.resolve("demo.sluice");
        RunResult live = TraceFixtures.recordDemo(file, dir.resolve("data"));
        assertTrue(live.completed(), "demo ran: " + live.error());
        TraceContents loaded = TraceReader.readAll(file);

        FindingsSink.Checked streamed = FindingsSink.check(SourceFormats.standard().open(file.toString()),
                new DetectorSuite());
        List<Finding> replayed = FindingsSink.replay(loaded);
        assertFalse(replayed.isEmpty(), "the demo has a finding");
        assertEquals(replayed, streamed.findings());
        assertEquals(loaded.run(), streamed.run());
        assertEquals(loaded.events().size(), streamed.events());
        assertEquals(loaded.endNanos(), streamed.endNanos());
        assertTrue(streamed.ending().complete());

        // cut before its end: the findings that rest on the end are unconfirmed, streamed as loaded
        Path cut = dir.resolve("cut.sluice");
        TraceFixtures.writeCut(cut, loaded.run(), loaded.events().subList(0, loaded.events().size() - 5), 64);
        TraceContents cutLoaded = TraceReader.readAll(cut);
        FindingsSink.Checked cutStreamed = FindingsSink.check(SourceFormats.standard().open(cut.toString()),
                new DetectorSuite());
        assertFalse(cutStreamed.ending().complete());
        List<Finding> cutReplayed = FindingsSink.replay(cutLoaded);
        assertTrue(cutReplayed.stream().anyMatch(f -> !f.confirmed()), "a cut trace has unconfirmed findings");
        assertEquals(cutReplayed, cutStreamed.findings());
    }

    @Test
    void aDamagedBatchInTheMiddleFailsInOneLineAfterTheBatchesBeforeItFlowed() throws Exception {
        SyntheticEvents source = new SyntheticEvents("m");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            events.add(source.next());
        }
        Path sample = dir.resolve("sample.sluice");
        TraceFixtures.write(sample, TraceFixtures.run("m"), events, 500); // 5 batches
        Path damaged = dir.resolve("damaged.sluice");
        // format 1 has no checksums, so the damage is found only when batch 3 is decoded
        TraceFixtures.rewriteAsFormatOne(sample, damaged, Map.of(), root -> { });
        long from;
        long to;
        try (FileChannel ch = FileChannel.open(damaged, StandardOpenOption.READ)) {
            StreamFraming.Scan scan = StreamFraming.scan(ch);
            from = scan.offsetOf(3);
            to = scan.offsetOf(4);
        }
        byte[] bytes = Files.readAllBytes(damaged);
        Arrays.fill(bytes, (int) ((from + to) / 2), (int) to, (byte) 0xff); // the back half of batch 3's body
        Files.write(damaged, bytes);

        AtomicLong seen = new AtomicLong();
        Detector counting = new Detector() {
            @Override
            public void onEvent(Event event, FindingSink findings) {
                seen.incrementAndGet();
            }
        };
        SourceException e = assertThrows(SourceException.class, () -> FindingsSink.check(
                SourceFormats.standard().open(damaged.toString()), new DetectorSuite(List.of(counting))));
        assertTrue(e.getMessage().startsWith(damaged.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("record batch 3"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        // streamed: batches 1 and 2 reached the detectors before batch 3 was decoded, nothing after it did
        assertEquals(1_000, seen.get());
    }
}
