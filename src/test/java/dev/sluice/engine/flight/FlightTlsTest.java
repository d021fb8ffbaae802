package dev.sluice.engine.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.AppEvent.RunOutcome;
import dev.sluice.event.FlightEvent;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioException;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.trace.TraceReader;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** flight-staging over verified TLS to servers on 127.0.0.1 with a throw-away certificate made by keytool. */
@Timeout(90)
class FlightTlsTest {

    @TempDir
    static Path certs;
    private static Path caPem;
    private static SslContext serverTls;

    @TempDir
    Path dir;

    private final Scenario staging = ScenarioRegistry.find("flight-staging").orElseThrow();

    @BeforeAll
    static void certificate() throws Exception {
        TestCertificates made = TestCertificates.create(certs);
        caPem = made.caPem();
        serverTls = made.serverTls();
    }

    private RunResult stage(EmbeddedFlightServers servers, Map<String, String> extra) throws Exception {
        String endpoints = servers.locations().stream().map(l -> l.getUri().toString()).collect(Collectors.joining(","));
        Map<String, String> o = new HashMap<>(Map.of("flight.endpoints", endpoints, "flight.receiver", "h2"));
        o.putAll(extra);
        return ScenarioRunner.run(staging, ScenarioRunner.Options.defaults().withDataDir(dir).withOverrides(o)
                .withRecord(dir.resolve("tls.sluice")));
    }

    @Test
    void verifiedTlsShufflesWithProbesAndTheH2Receiver() throws Exception {
        try (BufferAllocator root = new RootAllocator();
             EmbeddedFlightServers servers = EmbeddedFlightServers.start(root,
                     new EmbeddedFlightServers.Spec(2, 2, 8, 32 * 1024, 0, 1 << 20), serverTls)) {
            RunResult r = stage(servers, Map.of("flight.trustedCertificates", caPem.toString()));
            assertEquals(RunOutcome.COMPLETED, r.outcome(), () -> String.valueOf(r.error()));
            assertEquals(0, r.findings().size(), r.findings()::toString);
            assertTrue(TraceReader.readAll(r.trace()).events().stream()
                    .anyMatch(e -> e.body() instanceof FlightEvent.StreamWindowSampled), "windows sampled over TLS");
        }
    }

    @Test
    void anUntrustedServerCertificateFailsFastAtConnect() throws Exception {
        try (BufferAllocator root = new RootAllocator();
             EmbeddedFlightServers servers = EmbeddedFlightServers.start(root,
                     new EmbeddedFlightServers.Spec(1, 1, 4, 32 * 1024, 0, 1 << 20), serverTls)) {
            RunResult r = stage(servers, Map.of("flight.tickets", "part-0"));
            assertEquals(RunOutcome.FAILED, r.outcome());
            ScenarioException e = (ScenarioException) r.error();
            assertEquals("connect", e.stage());
            assertTrue(e.getMessage().contains(servers.locations().get(0).getUri().toString())
                    && e.getMessage().contains("UNAVAILABLE"), e.getMessage());
        }
    }
}
