package dev.sluice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.FlightEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in a plain Arrow Flight consumer (gRPC-java, grpc-netty): {@link FlightConsumerApp} as
 * a child JVM against {@link FlightTestServer}s in this JVM, its trace read by {@code sluice check}
 * with the same Flight detectors the engine's runs get.
 */
class FlightAgentIT {

    @TempDir
    static Path dir;
    private static FlightTestServer slots;
    private static FlightTestServer oneThread;

    @BeforeAll
    static void startServers() throws Exception {
        assertTrue(Files.isRegularFile(AgentRuns.AGENT), AgentRuns.AGENT + " is missing: run mvn package first");
        slots = FlightTestServer.withCallsPerConnection(2);
        oneThread = FlightTestServer.oneCallAtATime();
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (slots != null) {
            slots.close();
        }
        if (oneThread != null) {
            oneThread.close();
        }
    }

    @Test
    void aConsumerWaitingOnAPendingStreamIsStarvedOfSlots() throws Exception {
        Path trace = dir.resolve("slots.sluice");
        AgentRuns.AppRun app = AgentRuns.run(dir, FlightConsumerApp.class, "record=" + trace, slots.uri(), "4", "first-last");
        assertEquals(0, app.code(), app.output());
        AgentRuns.Check check = AgentRuns.check(trace);
        assertTrue(check.codes().contains("STREAM_SLOT_STARVATION"), check.out());
        assertTrue(check.out().contains("allows 2 concurrent streams"), check.out());
    }

    @Test
    void aConsumerWaitingOnAStreamTheServerCannotServeIsAFlowControlStall() throws Exception {
        Path trace = dir.resolve("stall.sluice");
        try (FlightTestServer stalling = FlightTestServer.oneCallAtATime()) { // its one thread stays held a while after
            AgentRuns.AppRun app = AgentRuns.run(dir, FlightConsumerApp.class, "record=" + trace, stalling.uri(), "2",
                    "first-last");
            assertEquals(0, app.code(), app.output());
        }
        AgentRuns.Check check = AgentRuns.check(trace);
        assertTrue(check.codes().contains("FLOW_CONTROL_STALL"), check.out());
        assertTrue(AgentRuns.count(trace, FlightEvent.WindowUpdate.class) > 0, "no WINDOW_UPDATE seen");
    }

    @Test
    void readingTheStreamsAsOpenedGivesNoFinding() throws Exception {
        for (FlightTestServer server : List.of(slots, oneThread)) {
            Path trace = dir.resolve("in-order-" + server.hashCode() + ".sluice");
            AgentRuns.AppRun app = AgentRuns.run(dir, FlightConsumerApp.class, "record=" + trace, server.uri(), "4", "in-order");
            assertEquals(0, app.code(), app.output());
            AgentRuns.Check check = AgentRuns.check(trace);
            assertEquals(List.of(), check.codes(), check.out());
            // the four DoGet streams and the app's first call (listActions)
            assertEquals(5, AgentRuns.count(trace, FlightEvent.StreamCompleted.class), check.out());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpc.connection", "grpc.stream", "grpc.windows", "flight.stream"})
    void aFailingProbeLeavesTheConsumerUnharmed(String probe) throws Exception {
        Path trace = dir.resolve("failing-" + probe + ".sluice");
        AgentRuns.AppRun app = AgentRuns.run(dir, FlightConsumerApp.class, "record=" + trace + ",test.failProbe=" + probe,
                slots.uri(), "4", "in-order");
        assertEquals(0, app.code(), "the app must read every row: " + app.output());
        assertTrue(AgentRuns.notes(trace).stream().anyMatch(n -> n.startsWith("sluice agent: probe " + probe
                + " disabled after IllegalStateException")), AgentRuns.notes(trace).toString());
    }
}
