package dev.sluice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.FlightEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in a gRPC app on {@code grpc-netty-shaded}: the relocated Netty's connection and stream
 * windows reach the trace as grpc-netty's do, and the healthy app gives no finding.
 */
class ShadedGrpcAgentIT {

    @Test
    void theRelocatedNettysWindowsAndStreamsAreRecordedAndAHealthyAppHasNoFinding(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(AgentRuns.AGENT), AgentRuns.AGENT + " is missing: run mvn package first");
        Path trace = dir.resolve("shaded.sluice");
        try (FlightTestServer server = FlightTestServer.withCallsPerConnection(2)) {
            String target = server.uri().substring("grpc+tcp://".length());
            AgentRuns.AppRun app = AgentRuns.run(dir, ShadedGrpcApp.class, "record=" + trace, target, "3");
            assertEquals(0, app.code(), app.output());
        }
        AgentRuns.Check check = AgentRuns.check(trace);
        assertEquals(List.of(), check.codes(), check.out());
        assertEquals(1, AgentRuns.count(trace, FlightEvent.ConnectionOpened.class), check.out());
        assertEquals(3, AgentRuns.count(trace, FlightEvent.StreamCompleted.class), check.out());
        assertTrue(AgentRuns.count(trace, FlightEvent.WindowUpdate.class) > 0, "the client's WINDOW_UPDATEs: " + check.out());
        assertTrue(AgentRuns.count(trace, FlightEvent.ConnectionWindowSampled.class) > 0, "windows sampled on its loop");
    }
}
