package dev.sluice.scenario.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each S3 scenario, run live against the embedded S3Proxy, yields exactly its findings, again on replay. */
class S3ScenariosTest {

    /** A small dataset keeps the suite fast; the shapes of the runs stay the same. */
    static final Map<String, String> SMALL = Map.of("s3.dataset.objects", "24", "s3.dataset.max-size", "2MiB",
            "s3.part-size", "1MiB");

    @TempDir
    static Path dir;

    static RunResult run(String name, Map<String, String> extra) throws Exception {
        Scenario s = ScenarioRegistry.find(name).orElseThrow();
        Map<String, String> settings = new HashMap<>(SMALL);
        settings.putAll(extra);
        Path trace = dir.resolve(name + ".sluice");
        RunResult r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withDataDir(dir.resolve("data"))
                .withOverrides(settings).withRecord(trace).withTimeout(Duration.ofMinutes(2)));
        assertNull(r.error(), () -> "scenario failed: " + r.error());
        assertEquals("completed", r.outcome());
        assertEquals(Map.of(), r.droppedByKind());
        List<Finding> replayed = DetectorSuite.evaluate(TraceReader.readAll(trace).events());
        assertEquals(r.findings(), replayed, "replay of the trace yields the same findings");
        String text = Files.readString(trace, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(java.util.regex.Pattern.compile("SLUICE[0-9A-F]{16}").matcher(text).find(),
                "no generated access key in the trace");
        return r;
    }

    static Set<FindingCode> codes(RunResult r) {
        return r.findings().stream().map(Finding::code).collect(Collectors.toSet());
    }

    @Test
    void sharedClientIsHealthy() throws Exception {
        RunResult r = run("s3-shared-client", Map.of());
        assertEquals(List.of(), r.findings());
    }

    @Test
    void threadLocalClientsLeak() throws Exception {
        RunResult r = run("s3-thread-local-clients", Map.of("s3.threads", "4"));
        assertEquals(Set.of(FindingCode.CLIENT_LEAKED), codes(r));
        for (Finding f : r.findings()) {
            assertTrue(f.title().contains("ended without closing it"), f.title());
            assertEquals("client", f.resources().get(0).type());
            assertTrue(f.resources().get(1).id().startsWith("s3-reader-"), "names the pool thread that owned it: " + f.resources());
            assertTrue(f.resources().size() > 2, "names the SDK threads still alive: " + f.resources());
            assertTrue(f.endNanos() > f.startNanos(), "ends when Sluice reclaims the client");
        }
    }

    @Test
    void clientChurn() throws Exception {
        RunResult r = run("s3-client-churn", Map.of("s3.dataset.objects", "12", "s3.threads", "6", "s3.client", "netty"));
        assertEquals(Set.of(FindingCode.CLIENT_CHURN), codes(r));
        assertEquals(1, r.findings().size());
        assertTrue(r.findings().get(0).title().contains("clients/s"), r.findings().get(0).title());
    }

    @Test
    void foreignClose() throws Exception {
        RunResult r = run("s3-foreign-close", Map.of("s3.foreign.requests", "8"));
        long foreign = r.findings().stream().filter(f -> f.code() == FindingCode.FOREIGN_CLOSE).count();
        assertEquals(1, foreign, () -> "findings: " + r.findings());
        // which futures the dead loops orphan is a race; anything else would be a false finding
        assertTrue(Set.of(FindingCode.FOREIGN_CLOSE, FindingCode.FUTURE_NEVER_COMPLETED).containsAll(codes(r)), () -> "findings: " + r.findings());
        Finding close = r.findings().stream().filter(f -> f.code() == FindingCode.FOREIGN_CLOSE).findFirst().orElseThrow();
        assertTrue(close.title().contains("s3-foreign-closer"), close.title());
    }

    @Test
    void blockingCallbackEndsThroughTimeouts() throws Exception {
        RunResult r = run("s3-blocking-callback", Map.of("s3.api-call-timeout", "2s"));
        assertEquals(Set.of(FindingCode.BLOCKING_ON_EVENT_LOOP), codes(r), () -> "findings: " + r.findings());
        Finding f = r.findings().get(0);
        assertTrue(f.title().contains("CompletableFuture.join"), f.title());
        assertTrue(f.explanation().contains("BlockingCallbackScenario"), f.explanation());
    }
}
