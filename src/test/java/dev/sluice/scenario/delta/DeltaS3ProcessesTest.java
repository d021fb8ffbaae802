package dev.sluice.scenario.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.ResourceRef;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code delta-s3-processes} with real child JVMs on the embedded S3Proxy: the single-driver store
 * loses acknowledged commits across processes, Sluice's conditional store loses none.
 */
class DeltaS3ProcessesTest {

    @TempDir
    Path dir;

    private RunResult run(String store) throws Exception {
        return run(store, "2");
    }

    private RunResult run(String store, String batches) throws Exception {
        RunResult r = ScenarioRunner.run(ScenarioRegistry.find("delta-s3-processes").orElseThrow(),
                ScenarioRunner.Options.defaults().withDataDir(dir).withOverrides(Map.of("delta.logStore", store,
                        "delta.writers", "2", "delta.batches", batches, "delta.rows", "20", "delta.together", "2")));
        assertTrue(r.completed(), () -> store + " did not complete: " + r.outcome() + " " + r.error());
        return r;
    }

    private static List<FindingCode> codes(RunResult r) {
        return r.findings().stream().map(Finding::code).toList();
    }

    @Test
    void singleDriverStoreLosesCommitsOfOtherProcesses() throws Exception {
        RunResult r = run("delta-default");
        // the race may also make a writer fail (S3A sees a commit file change under its read): a
        // COMMITS_FAILED then is the race's other symptom, so only the lost rows are required
        assertTrue(codes(r).contains(FindingCode.LOST_WRITES), () -> r.findings().toString());
    }

    @Test
    void conditionalStoreLosesNothing() throws Exception {
        RunResult r = run("sluice");
        assertFalse(codes(r).contains(FindingCode.LOST_WRITES), () -> r.findings().toString());
        assertFalse(codes(r).contains(FindingCode.COMMITS_FAILED), () -> r.findings().toString());
        assertTrue(codes(r).contains(FindingCode.COMMIT_CONFLICT), () -> "contention retried: " + r.findings());
    }

    @Test
    @Timeout(150)
    void aWriterProcessThatDiesIsACommitsFailedFindingNamingItNotAHang() throws Exception {
        String before = System.getProperty(WriterProcesses.DIES_AFTER_PROPERTY);
        System.setProperty(WriterProcesses.DIES_AFTER_PROPERTY, "writer-1:1");
        RunResult r;
        try {
            r = run("sluice", "3");
        } finally {
            if (before == null) {
                System.clearProperty(WriterProcesses.DIES_AFTER_PROPERTY);
            } else {
                System.setProperty(WriterProcesses.DIES_AFTER_PROPERTY, before);
            }
        }
        Finding failed = r.findings().stream().filter(f -> f.code() == FindingCode.COMMITS_FAILED).findFirst()
                .orElseThrow(() -> new AssertionError("COMMITS_FAILED in " + r.findings()));
        assertEquals(List.of("writer-1"), failed.resources().stream().filter(x -> "writer".equals(x.type()))
                .map(ResourceRef::id).toList(), failed::toString);
        assertTrue(failed.title().contains("writer process writer-1 exited with code " + WriterProcess.DIED_CODE),
                failed::title);
        // its unwritten batches surfaced as a failure; the survivor's rows are all in the table
        assertFalse(codes(r).contains(FindingCode.LOST_WRITES), () -> r.findings().toString());
    }
}
