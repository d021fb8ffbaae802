package dev.sluice.scenario.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code delta-s3-processes} with real child JVMs on the embedded S3Proxy: the single-driver store
 * loses acknowledged commits across processes, Sluice's conditional store loses none.
 */
class DeltaS3ProcessesTest {

    @TempDir
    Path dir;

    private RunResult run(String store) throws Exception {
        RunResult r = ScenarioRunner.run(ScenarioRegistry.find("delta-s3-processes").orElseThrow(),
                ScenarioRunner.Options.defaults().withDataDir(dir).withOverrides(Map.of("delta.logStore", store,
                        "delta.writers", "2", "delta.batches", "2", "delta.rows", "20", "delta.together", "2")));
        assertTrue(r.completed(), () -> store + " did not complete: " + r.outcome() + " " + r.error());
        return r;
    }

    private static List<FindingCode> codes(RunResult r) {
        return r.findings().stream().map(Finding::code).toList();
    }

    @Test
    void singleDriverStoreLosesCommitsOfOtherProcesses() throws Exception {
        RunResult r = run("delta-default");
        assertTrue(codes(r).contains(FindingCode.LOST_WRITES), () -> r.findings().toString());
        assertFalse(codes(r).contains(FindingCode.COMMITS_FAILED), () -> r.findings().toString());
    }

    @Test
    void conditionalStoreLosesNothing() throws Exception {
        RunResult r = run("sluice");
        assertFalse(codes(r).contains(FindingCode.LOST_WRITES), () -> r.findings().toString());
        assertFalse(codes(r).contains(FindingCode.COMMITS_FAILED), () -> r.findings().toString());
        assertTrue(codes(r).contains(FindingCode.COMMIT_CONFLICT), () -> "contention retried: " + r.findings());
    }
}
