package dev.sluice.source.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.agent.ListeningAgent;
import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.event.S3Event;
import dev.sluice.pipeline.EventSink;
import dev.sluice.source.LiveSource;
import dev.sluice.source.SourceException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Two agents live as one run: the agent's real listener in this JVM (a job whose pool thread leaks its client)
 * and one in a child JVM (the healthy twin, closing its own client of the same name), merged into lanes on one
 * clock; the child is killed mid-run, and the merge ends with the lost process named instead of waiting for it.
 */
class MergedAgentsSourceTest {

    private static final int SECONDS = 60;

    @Test
    void twoAgentsMergeIntoLanesAndOneThatDiesEndsItsLaneNotTheWait() throws Exception {
        Process child = startChildAgent();
        try (ListeningAgent leaky = ListeningAgent.start("com.acme.LeakyJob", 4711)) {
            String childAddress = awaitListening(child);
            AgentLiveSource first = agent(leaky.address());
            AgentLiveSource second = agent(childAddress);
            MergedAgentsSource merged = new MergedAgentsSource(List.of(first, second));
            List<Event> seen = new CopyOnWriteArrayList<>();
            List<RunInfo> runs = new CopyOnWriteArrayList<>();
            LiveSource.LiveRun run = merged.start(List.of(sink(runs, seen)), null, (f, what) -> { });
            assertEquals("4711 LeakyJob + " + child.pid() + " TidyJob", merged.name());

            leaky.clientBuilt("client-1", "pool-1-thread-1");
            leaky.emit("pool-1-thread-1", new S3Event.ThreadEnded("pool-1-thread-1", 1, S3Event.ThreadRole.CALLER, null));
            leaky.close(); // this job ends: its run's end and the stream's end
            String tidy = child.pid() + "-TidyJob";
            awaitEvent(seen, e -> e.body() instanceof S3Event.ClientClosed c && c.client().equals(tidy + "/client-1"));
            child.destroyForcibly().waitFor(); // the other dies: no end, the connection just breaks

            LiveSource.Ended ended = assertTimeoutPreemptively(Duration.ofSeconds(SECONDS), run::await,
                    "the merge waits for a process that died");
            assertNotNull(ended.failure(), ended.summary());
            assertTrue(ended.failure().contains(child.pid() + " at " + childAddress + ": the stream from the agent"
                    + " broke off"), ended.failure());
            assertTrue(ended.summary().startsWith("attached to 2 processes on one clock: "), ended.summary());

            RunInfo info = runs.get(0);
            assertTrue(info.settings().containsKey("merge.4711-LeakyJob"), info.settings().toString());
            assertTrue(info.settings().containsKey("merge." + tidy), info.settings().toString());
            assertTrue(seen.stream().noneMatch(e -> e.body() instanceof AppEvent.RunEnded),
                    "only the last process's end would end the run, and the killed one never sent it");
            long last = Long.MIN_VALUE;
            for (Event e : seen) {
                assertTrue(e.timeNanos() >= last, "out of time order: " + e);
                last = e.timeNanos();
            }
            assertTrue(seen.stream().anyMatch(e -> e.thread().equals(tidy + "/pool-1-thread-1")), "the child's lane");

            List<Finding> findings = DetectorSuite.evaluate(seen);
            List<String> leaks = findings.stream().filter(f -> f.code() == FindingCode.CLIENT_LEAKED).map(Finding::id)
                    .toList();
            // the same client name in both processes: only the leaky job's is leaked, the tidy one's close is its own
            assertEquals(List.of("CLIENT_LEAKED/4711-LeakyJob/client-1"), leaks, findings.toString());
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aMergeOfOneIsRefusedAndADeadAgentStopsTheOthersStart() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new MergedAgentsSource(List.of(agent("127.0.0.1:1"))));
        try (ListeningAgent alive = ListeningAgent.start("com.acme.Job", 4711)) {
            int dead;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                dead = free.getLocalPort();
            }
            MergedAgentsSource merged = new MergedAgentsSource(List.of(agent(alive.address()), agent("127.0.0.1:" + dead)));
            SourceException refused = assertThrows(SourceException.class,
                    () -> merged.start(List.of(), null, (f, what) -> { }));
            assertTrue(refused.getMessage().startsWith("cannot connect to 127.0.0.1:" + dead + ": connection refused"),
                    refused.getMessage());
        }
    }

    private static AgentLiveSource agent(String address) {
        AgentAddress at = AgentAddress.parse(address);
        return new AgentLiveSource(at.host(), at.port(), null, null);
    }

    private static EventSink sink(List<RunInfo> runs, List<Event> seen) {
        return new EventSink() {
            @Override
            public void open(RunInfo run) {
                runs.add(run);
            }

            @Override
            public void accept(List<Event> batch) {
                seen.addAll(batch);
            }
        };
    }

    private static Process startChildAgent() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath, ListeningAgent.class.getName()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String awaitListening(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        return assertTimeoutPreemptively(Duration.ofSeconds(SECONDS), () -> {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("listening on ")) {
                    return line.substring("listening on ".length());
                }
            }
            throw new AssertionError("the child agent exited before it listened (exit " + child.waitFor() + ")");
        });
    }

    private static void awaitEvent(List<Event> seen, Predicate<Event> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (seen.stream().noneMatch(wanted)) {
            assertTrue(System.nanoTime() < deadline, "not merged in " + SECONDS + " s: " + seen);
            Thread.sleep(20);
        }
    }
}
