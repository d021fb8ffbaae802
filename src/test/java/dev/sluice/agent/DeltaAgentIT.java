package dev.sluice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.DeltaEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent in a plain delta-standalone job: {@link DeltaCreateApp} as a child JVM on a local table,
 * its trace read by {@code sluice check} with the Delta engine's detectors.
 */
class DeltaAgentIT {

    @TempDir
    static Path dir;

    @BeforeAll
    static void theAgentIsBuilt() {
        assertTrue(Files.isRegularFile(AgentRuns.AGENT), AgentRuns.AGENT + " is missing: run mvn package first");
    }

    @Test
    void writersRacingToCreateTheTableWithUnreadFuturesAreFound() throws Exception {
        Path trace = dir.resolve("race.sluice");
        AgentRuns.AppRun app = AgentRuns.run(dir, DeltaCreateApp.class, "record=" + trace, dir.resolve("race").toString(), "race");
        assertEquals(0, app.code(), app.output());
        AgentRuns.Check check = AgentRuns.check(trace);
        // the race ends either way the default log store allows: losers see the winner's table (conflicts), or one
        // publish replaces another's commit file and every reader fails (a corrupt log); futures go unread in both
        List<String> codes = check.codes();
        assertTrue(codes.contains("UNOBSERVED_FAILURE"), check.out());
        assertTrue(codes.contains("CONCURRENT_CREATE_CONFLICT") || codes.contains("CORRUPT_LOG"), check.out());
        assertTrue(AgentRuns.count(trace, DeltaEvent.CommitAttempted.class) >= 2, "several writers raced: " + check.out());
    }

    @Test
    void creatingOnceThenAppendingAndReadingEveryFutureGivesNoFinding() throws Exception {
        Path trace = dir.resolve("create-once.sluice");
        AgentRuns.AppRun app = AgentRuns.run(dir, DeltaCreateApp.class, "record=" + trace, dir.resolve("once").toString(),
                "create-once");
        assertEquals(0, app.code(), app.output());
        AgentRuns.Check check = AgentRuns.check(trace);
        assertEquals(0, check.code(), check.out());
        assertEquals(4, AgentRuns.count(trace, DeltaEvent.CommitSucceeded.class), check.out());
    }

    /** Each probe fails on its first call: the futures probe is first called by a failed write (race). */
    @ParameterizedTest
    @CsvSource({"delta.commit, create-once", "futures, race"})
    void aFailingProbeLeavesTheJobUnharmed(String probe, String mode) throws Exception {
        Path trace = dir.resolve("failing-" + probe + ".sluice");
        AgentRuns.AppRun app = AgentRuns.run(dir, DeltaCreateApp.class, "record=" + trace + ",test.failProbe=" + probe,
                dir.resolve("failing-" + probe).toString(), mode);
        assertEquals(0, app.code(), "every write must succeed: " + app.output());
        assertTrue(AgentRuns.notes(trace).stream().anyMatch(n -> n.startsWith("sluice agent: probe " + probe
                + " disabled after IllegalStateException")), AgentRuns.notes(trace).toString());
    }
}
