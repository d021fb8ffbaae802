package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.Detector;
import dev.sluice.detect.DetectorFailure;
import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.FailureTally;
import dev.sluice.detect.FindingSink;
import dev.sluice.event.AppEvent.RunOutcome;
import dev.sluice.event.Event;
import dev.sluice.event.S3Event;
import dev.sluice.scenario.FindingsSink;
import dev.sluice.scenario.RunResult;
import dev.sluice.trace.TraceFixtures;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A detector that throws during a live run: the run reports it and exits 2, never "N finding(s)". */
class RunAnalysisFailureTest {

    @TempDir
    Path dir;

    /** A rule with a bug: it throws on the first request it sees. */
    private static final class ThrowingDetector implements Detector {
        @Override
        public void onEvent(Event event, FindingSink findings) {
            if (event.body() instanceof S3Event.RequestStarted r) {
                throw new IllegalArgumentException("unexpected request " + r.request());
            }
        }
    }

    @Test
    void aDetectorThatThrowsLiveFailsTheRunNamingTheDetector() throws Exception {
        List<Detector> detectors = new ArrayList<>(DetectorSuite.standard());
        detectors.add(new ThrowingDetector());
        FindingsSink findings = new FindingsSink(new DetectorSuite(detectors));
        RunResult result = ScenarioRunner.run(ScenarioRegistry.find("demo").orElseThrow(),
                ScenarioRunner.Options.defaults().withDataDir(dir).withExtraSinks(List.of(findings))
                        .withOverrides(Map.of("demo.requests", "5", "demo.pace", "1ms")));
        assertEquals(1, result.sinkFailures().size(), result.sinkFailures()::toString);
        DetectorFailure failure = (DetectorFailure) result.sinkFailures().get(0);
        assertEquals("ThrowingDetector", failure.detector());
        assertTrue(result.events() >= failure.eventNumber(), "the run went on and was recorded in full");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RunCommand.report("demo", result, RunCommand.Format.TEXT, false, new PrintWriter(out), new PrintWriter(err));
        assertEquals(2, code);
        assertTrue(out.toString().matches("demo: completed, \\d+ events, analysis failed\\R"), out.toString());
        assertTrue(err.toString().contains("sluice run demo: analysis failed: detector ThrowingDetector failed on event #"
                + failure.eventNumber() + " (RequestStarted at +"), err.toString());
        assertTrue(err.toString().contains("(unexpected request client-"), err.toString());
    }

    @Test
    void aFailedRecordingIsNotReportedAsRecordedAndJsonStaysJson() {
        RunResult result = new RunResult(TraceFixtures.run("r"), RunOutcome.COMPLETED, null, List.of(), 10,
                Map.of(), dir.resolve("r.sluice"), List.of(new IOException("disk full")), FailureTally.Summary.NONE, true);
        StringWriter out = new StringWriter();
        RunCommand.report("demo", result, RunCommand.Format.TEXT, false, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertTrue(out.toString().contains(", recording failed: " + dir.resolve("r.sluice") + " is incomplete"), out.toString());
        assertTrue(!out.toString().contains("recorded to"), out.toString());
        StringWriter json = new StringWriter();
        RunCommand.report("demo", result, RunCommand.Format.JSON, false, new PrintWriter(json), new PrintWriter(new StringWriter()));
        assertTrue(json.toString().matches("\\{\\s*\"analysisFailed\"\\s*:\\s*\".*disk full.*\"\\s*}\\R"), json.toString());
    }
}
