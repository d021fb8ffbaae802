package dev.sluice.engine.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.FindingCode;
import dev.sluice.event.AppEvent.RunOutcome;
import dev.sluice.event.FlightEvent;
import dev.sluice.scenario.InvalidSettingException;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioException;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.trace.TraceReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** flight-staging against Flight servers this test runs on 127.0.0.1. */
@Timeout(60)
class FlightStagingScenarioTest {

    @TempDir
    Path dir;

    private final Scenario staging = ScenarioRegistry.find("flight-staging").orElseThrow();

    @Test
    void discoversTheStreamsAndReadsEveryAnnouncedRow() throws Exception {
        try (BufferAllocator root = new RootAllocator();
             EmbeddedFlightServers servers = EmbeddedFlightServers.start(root,
                     new EmbeddedFlightServers.Spec(2, 3, 8, 32 * 1024, 0, 1 << 20))) {
            String endpoints = servers.locations().stream().map(l -> l.getUri().toString()).collect(Collectors.joining(","));
            RunResult r = ScenarioRunner.run(staging, ScenarioRunner.Options.defaults().withDataDir(dir)
                    .withOverrides(Map.of("flight.endpoints", endpoints)).withRecord(dir.resolve("staging.sluice")));
            assertEquals(RunOutcome.COMPLETED, r.outcome(), () -> String.valueOf(r.error()));
            assertEquals(0, r.findings().size(), r.findings()::toString);
            long streams = TraceReader.readAll(r.trace()).events().stream()
                    .filter(e -> e.body() instanceof FlightEvent.StreamCompleted c && c.outcome() == FlightEvent.StreamOutcome.OK).count();
            assertEquals(6, streams);
        }
    }

    @Test
    void aWrongAddressFailsTheRunAtConnectWithTheAddress() throws Exception {
        Location nowhere = Location.forGrpcInsecure("127.0.0.1", 1);
        RunResult r = ScenarioRunner.run(staging, ScenarioRunner.Options.defaults().withDataDir(dir)
                .withOverrides(Map.of("flight.endpoints", nowhere.getUri().toString(), "flight.tickets", "part-0")));
        assertEquals(RunOutcome.FAILED, r.outcome());
        ScenarioException e = (ScenarioException) r.error();
        assertEquals("connect", e.stage());
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
        assertEquals(List.of(FindingCode.SCENARIO_FAILED), r.findings().stream().map(f -> f.code()).toList());
    }

    @Test
    void anEndpointThatIsNotGrpcTcpIsABadSetting() {
        // refused when the run is requested: nothing starts
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> ScenarioRunner.start(staging,
                ScenarioRunner.Options.defaults().withDataDir(dir).withOverrides(Map.of("flight.endpoints", "http://127.0.0.1:80"))));
        assertEquals("flight.endpoints", e.key());
        assertTrue(e.getMessage().contains("must be a URI with scheme grpc+tcp:// or grpc+tls://, a host and a port"),
                e.getMessage());
    }
}
