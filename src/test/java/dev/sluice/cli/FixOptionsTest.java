package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.scenario.Settings;
import dev.sluice.trace.TraceFixtures;
import dev.sluice.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fix as data in {@code check}'s output, and every refusal of {@code run --fix}/{@code --fix-from}
 * and {@code compare}: one line on stderr, exit 2, nothing run. One recorded demo run serves them all.
 */
class FixOptionsTest {

    @TempDir
    static Path dir;

    static Path demo;

    @BeforeAll
    static void recordTheDemo() {
        demo = dir.resolve("demo.sluice");
        CliRun run = CliRun.sluice("run", "demo", "--record", demo.toString(), "--data-dir", dir.resolve("data").toString(),
                "--set", "demo.requests=10");
        assertEquals(0, run.code(), run.err());
    }

    @Test
    void checkPrintsTheFixAsSettingsInTextAndJson() throws Exception {
        CliRun text = CliRun.sluice("check", demo.toString());
        assertTrue(text.out().contains("        fix: s3.lifecycle=shared (One client for all workers"), text.out());
        assertTrue(text.out().contains("        how: Create one client for all workers"), text.out());

        CliRun json = CliRun.sluice("check", "--format", "json", demo.toString());
        JsonNode finding = new ObjectMapper().readTree(json.out()).get(0);
        assertEquals("shared", finding.get("settingFix").get("settings").get("s3.lifecycle").asText());
        assertFalse(finding.get("settingFix").get("summary").asText().isEmpty());
        assertTrue(finding.get("fix").asText().startsWith("Create one client"), "the prose stays");
    }

    @Test
    void aCodeWithoutAFixAsSettingsIsRefused() {
        CliRun r = CliRun.sluice("run", "s3-foreign-close", "--fix", "FOREIGN_CLOSE");
        assertRefused(r, "sluice run s3-foreign-close: --fix FOREIGN_CLOSE: FOREIGN_CLOSE has no fix as settings of its own");
        assertTrue(r.err().contains("codes with one: CLIENT_LEAKED"), r.err());
    }

    @Test
    void anUnknownCodeIsRefused() {
        assertRefused(CliRun.sluice("run", "demo", "--fix", "NO_SUCH"), "sluice run demo: --fix NO_SUCH: no such finding code; known: EVENTS_DROPPED");
    }

    @Test
    void aFixTheScenarioDoesNotDeclareIsRefused() {
        // the demo's CLIENT_LEAKED is fixed by s3.lifecycle, which the synthetic demo does not read
        assertRefused(CliRun.sluice("run", "--fix-from", demo.toString(), "--data-dir", dir.resolve("data").toString()),
                "sluice run demo: --fix CLIENT_LEAKED sets s3.lifecycle, which demo does not declare");
        assertFalse(Files.exists(dir.resolve("demo-fixed.sluice")), "nothing was recorded");
    }

    @Test
    void aCodeTheTraceDoesNotHaveIsRefused() {
        assertRefused(CliRun.sluice("run", "--fix-from", demo.toString(), "--fix", "FLOW_CONTROL_STALL"),
                "sluice run: --fix-from " + demo + ": the trace has no FLOW_CONTROL_STALL finding; its findings: CLIENT_LEAKED");
    }

    @Test
    void anotherScenarioThanTheTracesIsRefused() {
        assertRefused(CliRun.sluice("run", "flight-drain", "--fix-from", demo.toString()),
                "sluice run flight-drain: --fix-from " + demo + " is a run of demo; leave SCENARIO out or name that one");
    }

    @Test
    void anUnreadableTraceIsRefused() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.sluice"), "not a trace");
        CliRun run = CliRun.sluice("run", "--fix-from", junk.toString());
        assertRefused(run, "sluice run: --fix-from " + junk);
        CliRun compare = RunWithFixTest.compare(demo.toString(), junk.toString());
        assertRefused(compare, "sluice compare: " + junk);
    }

    @Test
    void compareOfARunWithItselfHoldsAndABadToleranceIsRefused() {
        CliRun same = RunWithFixTest.compare(demo.toString(), demo.toString());
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().contains("findings: 0 gone, 1 stayed, 0 new"), same.out());
        assertTrue(same.out().contains("holds: B has no finding A lacks"), same.out());
        assertRefused(RunWithFixTest.compare("--tolerance", "-5", demo.toString(), demo.toString()),
                "sluice compare: --tolerance -5.0: must be a percentage from 0 to 1000");
    }

    /** The demo's events (a CLIENT_LEAKED) relabelled as a run of an S3 scenario with {@code settings} and {@code notes}. */
    private static Path s3Trace(String name, Map<String, String> settings, String... notes) throws Exception {
        List<Event> events = new ArrayList<>();
        for (String n : notes) {
            events.add(new Event("s3", 0, "main", 1, new AppEvent.Note(n)));
        }
        events.addAll(TraceReader.readAll(demo).events());
        Path trace = dir.resolve(name);
        TraceFixtures.write(trace, new RunInfo("s3", "s3-thread-local-clients", settings, Instant.EPOCH, "test"),
                events, 64);
        return trace;
    }

    @Test
    void theTracesProfileIsAppliedAgain() throws Exception {
        Path profiles = Files.writeString(dir.resolve("profiles.toml"), """
                [profiles.dead.s3]
                endpoint = "http://127.0.0.1:1"
                """);
        Path trace = s3Trace("profiled.sluice", Map.of("s3.threads", "2"), ScenarioRunner.PROFILE_NOTE + "dead");
        String saved = System.getProperty("sluice.config");
        System.setProperty("sluice.config", profiles.toString());
        try {
            // the profile's endpoint is refused before the run starts: proof that the trace's profile was applied
            CliRun r = CliRun.sluice("run", "--fix-from", trace.toString(), "--data-dir", dir.resolve("data").toString());
            assertRefused(r, "sluice run s3-thread-local-clients: s3.endpoint=http://127.0.0.1:1: the endpoint cannot be reached");
        } finally {
            if (saved == null) {
                System.clearProperty("sluice.config");
            } else {
                System.setProperty("sluice.config", saved);
            }
        }
    }

    @Test
    void aSettingRedactedInTheTraceMustBeGivenAgain() throws Exception {
        Path trace = s3Trace("redacted.sluice", Map.of("s3.prefix", Settings.REDACTED));
        assertRefused(CliRun.sluice("run", "--fix-from", trace.toString(), "--data-dir", dir.resolve("data").toString()),
                "sluice run s3-thread-local-clients: s3.prefix is redacted in " + trace + "; give it with --set s3.prefix=VALUE");
    }

    private static void assertRefused(CliRun r, String start) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith(start), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
