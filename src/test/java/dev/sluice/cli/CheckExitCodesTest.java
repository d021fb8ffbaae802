package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.detect.Detector;
import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.FindingSink;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.S3Event;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceFixtures;
import dev.sluice.trace.TraceReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code check}'s exit codes: 0 clean, 1 confirmed findings, 2 unreadable or analysis failed, 3 incomplete. */
class CheckExitCodesTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) { }

    private static Outcome check(Supplier<DetectorSuite> detectors, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CheckCommand(detectors));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private static Outcome check(String... args) {
        return check(DetectorSuite::new, args);
    }

    /** A rule with a bug: it throws on the first client close it sees. */
    private static final class ThrowingDetector implements Detector {
        @Override
        public void onEvent(Event event, FindingSink findings) {
            if (event.body() instanceof S3Event.ClientClosed closed) {
                throw new IllegalStateException("cannot handle " + closed.client());
            }
        }
    }

    private Path demoTrace() throws Exception {
        Path trace = dir.resolve("demo.sluice");
        TraceFixtures.recordDemo(trace, dir.resolve("data"));
        return trace;
    }

    @Test
    void aDetectorThatThrowsFailsTheCheckNamingTheDetectorAndTheEvent() throws Exception {
        Path trace = demoTrace();
        assertEquals(1, check(trace.toString()).code, "the intact trace has its finding");

        Outcome o = check(() -> {
            List<Detector> detectors = new ArrayList<>(DetectorSuite.standard());
            detectors.add(new ThrowingDetector());
            return new DetectorSuite(detectors);
        }, trace.toString());
        assertEquals(2, o.code, o.out + o.err);
        assertTrue(o.err.contains(trace + ": analysis failed: detector ThrowingDetector failed on event #"), o.err);
        assertTrue(o.err.contains("(ClientClosed at +") && o.err.contains("(cannot handle client-1)"), o.err);
        assertEquals(1, o.err.lines().count(), "one line: " + o.err);
        assertFalse(o.out.contains("finding(s)"), "no list of findings when the analysis failed: " + o.out);
    }

    /**
     * The demo's real recording cut right after a request started, at a batch boundary, the way a
     * recorder killed between two flushes leaves it (see KilledRecorderTest): the clients still open
     * and the request in flight are findings only because the trace stops there.
     */
    private Path cutTrace() throws Exception {
        TraceContents full = TraceReader.readAll(demoTrace());
        List<Event> events = full.events();
        Set<String> completed = new HashSet<>();
        int cut = -1;
        for (int i = events.size() - 1; i >= events.size() / 3 && cut < 0; i--) {
            if (events.get(i).body() instanceof S3Event.RequestCompleted c) {
                completed.add(c.request());
            }
        }
        for (int i = events.size() / 3; i < events.size() && cut < 0; i++) {
            if (events.get(i).body() instanceof S3Event.RequestStarted r && completed.contains(r.request())) {
                cut = i;
            }
        }
        assertTrue(cut > 0, "a request in the middle of the demo");
        Path trace = dir.resolve("cut.sluice");
        TraceFixtures.writeCut(trace, full.run(), events.subList(0, cut + 1), 64);
        TraceContents contents = TraceReader.readAll(trace);
        assertFalse(contents.complete(), contents::toString);
        assertEquals(cut + 1, contents.events().size());
        return trace;
    }

    /** A rule with a bug that throws on the first request it sees: early in any trace with requests. */
    private static final class ThrowingOnRequestDetector implements Detector {
        @Override
        public void onEvent(Event event, FindingSink findings) {
            if (event.body() instanceof S3Event.RequestStarted started) {
                throw new IllegalStateException("cannot handle " + started.request());
            }
        }
    }

    @Test
    void aDetectorThatThrowsOnACutTraceStillSaysTheTraceIsIncompleteBeforeTheFailure() throws Exception {
        Path trace = cutTrace();
        Outcome o = check(() -> new DetectorSuite(List.of(new ThrowingOnRequestDetector())), trace.toString());
        assertEquals(2, o.code, o.out + o.err);
        List<String> lines = o.err.lines().toList();
        assertEquals(2, lines.size(), o.err);
        assertTrue(lines.get(0).startsWith("sluice check: " + trace + ": the trace is incomplete ("), o.err);
        // the rest was read without the detectors: the line counts every event of the cut trace
        assertTrue(lines.get(0).contains(" events, up to run time "), o.err);
        assertTrue(lines.get(1).startsWith("sluice check: " + trace + ": analysis failed: detector "
                + "ThrowingOnRequestDetector failed on event #"), o.err);
        assertFalse(o.out.contains("finding(s)"), "no list of findings when the analysis failed: " + o.out);
    }

    @Test
    void aCutTraceWithOnlyUnconfirmedFindingsExitsThreeAndSaysWhereItEnds() throws Exception {
        Path trace = cutTrace();
        Outcome o = check(trace.toString());
        assertEquals(3, o.code, o.out + o.err);
        assertTrue(o.out.contains("CLIENT_LEAKED") && o.out.contains("FUTURE_NEVER_COMPLETED"), o.out);
        assertTrue(o.out.lines().anyMatch(l -> l.matches("\\s+unconfirmed: the trace ends at \\+\\d+\\.\\d{3}s")), o.out);
        assertTrue(o.out.lines().findFirst().orElseThrow().contains("unconfirmed: the trace ends at +"), o.out);

        Outcome json = check("--format", "json", trace.toString());
        assertEquals(3, json.code);
        JsonNode array = new ObjectMapper().readTree(json.out);
        assertTrue(array.size() >= 3, json.out);
        for (JsonNode f : array) {
            assertFalse(f.get("confirmed").asBoolean(), f.toString());
            assertTrue(f.get("unconfirmed").asText().startsWith("the trace ends at +"), f.toString());
        }
    }

    @Test
    void aCompleteTraceConfirmsItsFindings() throws Exception {
        Outcome json = check("--format", "json", demoTrace().toString());
        assertEquals(1, json.code, json.err);
        JsonNode array = new ObjectMapper().readTree(json.out);
        assertEquals(1, array.size(), json.out);
        assertTrue(array.get(0).get("confirmed").asBoolean(), json.out);
        assertFalse(array.get(0).has("unconfirmed"), json.out);
    }

    @Test
    void aCutTraceWithoutFindingsExitsThree() throws Exception {
        Path trace = dir.resolve("quiet.sluice");
        List<Event> quiet = List.of(new Event("q", 1, "main", 1, new AppEvent.Note("quiet")));
        TraceFixtures.write(trace, TraceFixtures.run("q"), quiet, 10);
        assertEquals(0, check(trace.toString()).code, "complete and clean");
        TraceFixtures.writeCut(trace, TraceFixtures.run("q"), quiet, 10);
        Outcome o = check(trace.toString());
        assertEquals(3, o.code, o.out + o.err);
        assertTrue(o.out.contains("0 finding(s), 0 unconfirmed: the trace ends at +"), o.out);
    }
}
