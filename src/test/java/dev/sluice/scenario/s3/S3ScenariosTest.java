package dev.sluice.scenario.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.event.AppEvent.RunOutcome;
import dev.sluice.event.Event;
import dev.sluice.event.S3Event;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.trace.TraceReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
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

    static final AtomicInteger RUNS = new AtomicInteger();
    static Path lastTrace;

    static RunResult run(String name, Map<String, String> extra) throws Exception {
        Scenario s = ScenarioRegistry.find(name).orElseThrow();
        Map<String, String> settings = new HashMap<>(SMALL);
        settings.putAll(extra);
        Path trace = dir.resolve(name + "-" + RUNS.incrementAndGet() + ".sluice");
        RunResult r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults().withDataDir(dir.resolve("data"))
                .withOverrides(settings).withRecord(trace).withTimeout(Duration.ofMinutes(2)));
        assertNull(r.error(), () -> "scenario failed: " + r.error());
        assertEquals(RunOutcome.COMPLETED, r.outcome());
        assertEquals(Map.of(), r.droppedByKind());
        lastTrace = trace;
        List<Finding> replayed = DetectorSuite.evaluate(TraceReader.readAll(trace).events());
        assertEquals(r.findings(), replayed, "replay of the trace yields the same findings");
        String text = Files.readString(trace, StandardCharsets.ISO_8859_1);
        assertFalse(Pattern.compile("SLUICE[0-9A-F]{16}").matcher(text).find(),
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
        // ownership of every GET: issued on a pool thread, I/O on a channel of one of the client's
        // event loops, completed on its completion pool
        List<Event> events = TraceReader.readAll(lastTrace).events();
        Map<String, String> startedOn = new HashMap<>();
        Map<String, String> ioOn = new HashMap<>();
        for (Event e : events) {
            if (e.body() instanceof S3Event.RequestStarted s && !s.client().equals("client-1")) {
                startedOn.put(s.request(), e.thread());
            } else if (e.body() instanceof S3Event.RequestIo io) {
                assertTrue(io.channel().startsWith("ch-"), io.toString());
                assertEquals(e.thread(), io.eventLoop());
                ioOn.put(io.request(), io.eventLoop());
            } else if (e.body() instanceof S3Event.RequestCompleted c && !c.client().equals("client-1")) {
                assertTrue(e.thread().startsWith("s3-" + c.client() + "-sdk-async-response-"), e.thread());
            }
        }
        assertFalse(startedOn.isEmpty());
        for (Map.Entry<String, String> s : startedOn.entrySet()) {
            assertTrue(s.getValue().startsWith("s3-reader-"), s.toString());
            assertTrue(ioOn.getOrDefault(s.getKey(), "").startsWith("s3-client-2-nio-"), "I/O of " + s.getKey() + " on " + ioOn.get(s.getKey()));
        }
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

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"event-loop-group", "client"})
    void foreignClose(String what) throws Exception {
        RunResult r = run("s3-foreign-close", Map.of("s3.foreign.requests", "8", "s3.foreign.close", what));
        long foreign = r.findings().stream().filter(f -> f.code() == FindingCode.FOREIGN_CLOSE).count();
        assertEquals(1, foreign, () -> "findings: " + r.findings());
        // which futures the dead loops orphan is a race; anything else would be a false finding
        assertTrue(Set.of(FindingCode.FOREIGN_CLOSE, FindingCode.FUTURE_NEVER_COMPLETED).containsAll(codes(r)), () -> "findings: " + r.findings());
        Finding close = r.findings().stream().filter(f -> f.code() == FindingCode.FOREIGN_CLOSE).findFirst().orElseThrow();
        assertTrue(close.title().contains("s3-foreign-closer"), close.title());
        assertTrue(close.id().endsWith("/" + what), close.id());
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
