package dev.sluice.scenario.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.event.DeltaEvent;
import dev.sluice.event.DeltaEvent.VerifyOutcome;
import dev.sluice.event.Event;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.trace.TraceReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each Delta scenario yields exactly its findings, live and on replay of its trace. */
class DeltaScenariosTest {

    @TempDir
    Path dir;

    private record Run(RunResult result, List<Event> events) { }

    private Run run(String name, Map<String, String> overrides) throws Exception {
        Scenario s = ScenarioRegistry.find(name).orElseThrow();
        Path trace = dir.resolve(name + ".sluice");
        RunResult r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withDataDir(dir)
                .withOverrides(overrides).withRecord(trace));
        assertTrue(r.completed(), () -> name + " did not complete: " + r.outcome() + " " + r.error());
        List<Event> events = TraceReader.readAll(trace).events();
        List<Finding> replayed = DetectorSuite.evaluate(events);
        assertEquals(r.findings(), replayed, name + ": replay differs from live");
        return new Run(r, events);
    }

    private static Map<FindingCode, Long> codes(RunResult r) {
        return r.findings().stream().collect(Collectors.groupingBy(Finding::code, TreeMap::new, Collectors.counting()));
    }

    private static List<DeltaEvent.VerifyCompleted> verifies(Run run) {
        return run.events().stream().map(Event::body).filter(b -> b instanceof DeltaEvent.VerifyCompleted)
                .map(b -> (DeltaEvent.VerifyCompleted) b).toList();
    }

    @Test
    void firstWriterIsHealthy() throws Exception {
        Run run = run("delta-first-writer", Map.of());
        assertEquals(Map.of(), codes(run.result()), () -> run.result().findings().toString());
        assertEquals(VerifyOutcome.PASSED, verifies(run).get(0).outcome());
        assertEquals(8 * 4 * 500, verifies(run).get(0).foundRows());
    }

    @Test
    void concurrentCreateLosesSevenWriters() throws Exception {
        Run run = run("delta-concurrent-create", Map.of());
        assertEquals(Map.of(FindingCode.CONCURRENT_CREATE_CONFLICT, 7L), codes(run.result()),
                () -> run.result().findings().toString());
        assertTrue(run.result().findings().stream().allMatch(f -> f.title().contains("(version 0, CREATE TABLE)")),
                () -> run.result().findings().toString());
        assertEquals(VerifyOutcome.EXPLAINED, verifies(run).get(0).outcome());
    }

    @Test
    void fireAndForgetLosesRowsSilently() throws Exception {
        Run run = run("delta-fire-and-forget", Map.of());
        assertEquals(Map.of(FindingCode.CONCURRENT_CREATE_CONFLICT, 7L, FindingCode.UNOBSERVED_FAILURE, 7L,
                FindingCode.LOST_WRITES, 1L), codes(run.result()), () -> run.result().findings().toString());
        DeltaEvent.VerifyCompleted v = verifies(run).get(0);
        assertEquals(VerifyOutcome.FAILED, v.outcome());
        assertEquals(7 * 4 * 500, v.unexplainedRows());
        Finding lost = run.result().findings().stream().filter(f -> f.code() == FindingCode.LOST_WRITES).findFirst().orElseThrow();
        assertTrue(lost.explanation().contains(":0-1999"), lost.explanation());
    }

    @Test
    void schemaRaceLosesSevenSchemaChanges() throws Exception {
        Run run = run("delta-schema-race", Map.of());
        assertEquals(Map.of(FindingCode.SCHEMA_RACE_CONFLICT, 7L), codes(run.result()),
                () -> run.result().findings().toString());
        assertEquals(VerifyOutcome.EXPLAINED, verifies(run).get(0).outcome());
    }

    @Test
    void readAppendRetriesEveryConflict() throws Exception {
        Run run = run("delta-read-append", Map.of());
        assertEquals(Map.of(FindingCode.COMMIT_CONFLICT, 6L), codes(run.result()),
                () -> run.result().findings().toString());
        assertTrue(run.result().findings().stream().allMatch(f -> f.title().contains("committed as version")),
                () -> run.result().findings().toString());
        assertEquals(VerifyOutcome.PASSED, verifies(run).get(0).outcome());
    }

    @Test
    void separateLogsOnDefaultStoreLoseCommitsAndSluiceStoreDoesNot() throws Exception {
        Run run = run("delta-separate-logs", Map.of());
        Map<FindingCode, Long> codes = codes(run.result());
        assertTrue(!codes.isEmpty() && List.of(FindingCode.LOST_WRITES, FindingCode.CORRUPT_LOG).containsAll(codes.keySet()),
                codes::toString);
        List<DeltaEvent.VerifyCompleted> v = verifies(run);
        assertEquals(VerifyOutcome.PASSED, v.get(v.size() - 1).outcome(), v::toString);
    }
}
