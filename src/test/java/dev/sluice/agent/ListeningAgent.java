package dev.sluice.agent;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.RunInfo;
import dev.sluice.event.S3Event;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The agent's real listener ({@code listen=}) serving a run the test writes event by event, in this JVM or, as
 * {@link #main}, in a child JVM the test can kill: what a console connects to, without Byte Buddy or an app.
 */
public final class ListeningAgent implements AutoCloseable {

    private final AgentListener listener;
    private final RunInfo run;
    private final long origin = System.nanoTime();

    private ListeningAgent(AgentListener listener, RunInfo run) {
        this.listener = listener;
        this.run = run;
    }

    /** Listens on a free loopback port and starts the run {@code agent:MAIN@PID}, as the agent names it. */
    public static ListeningAgent start(String mainClass, long pid) throws IOException {
        AgentListener listener = AgentListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null);
        RunInfo run = new RunInfo("run-" + pid, "agent:" + mainClass + "@" + pid, Map.of("agent.pid", Long.toString(pid)),
                Instant.now(), RunInfo.currentVersion());
        listener.open(run);
        return new ListeningAgent(listener, run);
    }

    public String address() {
        return listener.address();
    }

    /** Sends one event on {@code thread}, stamped now (run time). */
    public void emit(String thread, EventBody body) throws IOException {
        listener.accept(List.of(new Event(run.runId(), System.nanoTime() - origin, thread, thread.hashCode() & 0xFFFF,
                body)));
    }

    /** The agent's shutdown: the run's end, then the end of the stream to every console. */
    @Override
    public void close() throws IOException, InterruptedException {
        emit("main", new AppEvent.RunEnded(run.scenario(), AppEvent.RunOutcome.COMPLETED));
        listener.close();
    }

    /** One client built on a pool thread, each event a batch of its own. */
    public void clientBuilt(String client, String owner) throws IOException {
        emit(owner, new S3Event.ThreadSeen(owner, owner.hashCode() & 0xFFFF, S3Event.ThreadRole.CALLER, client));
        emit(owner, new S3Event.ClientCreated(client, S3Event.ClientKind.NETTY, S3Event.Lifecycle.SHARED, "loops-1",
                S3Event.LoopGroupOwner.SDK_OWNED, 2, S3Event.Completion.EXECUTOR));
    }

    /**
     * A child JVM's agent: prints {@code listening on HOST:PORT}, builds {@code client-1} on {@code pool-1-thread-1}
     * and closes it there (the healthy twin), then sends a heartbeat every 100 ms until it is killed.
     */
    public static void main(String[] args) throws Exception {
        ListeningAgent agent = start("com.acme.TidyJob", ProcessHandle.current().pid());
        System.out.println("listening on " + agent.address());
        System.out.flush();
        agent.clientBuilt("client-1", "pool-1-thread-1");
        agent.emit("pool-1-thread-1", new S3Event.ClientClosed("client-1", 0, "pool-1-thread-1",
                S3Event.CloseTarget.CLIENT));
        for (long beat = 1; ; beat++) {
            agent.emit("sluice-agent", new AppEvent.Heartbeat(beat));
            Thread.sleep(100);
        }
    }
}
