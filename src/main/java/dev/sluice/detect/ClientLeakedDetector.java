package dev.sluice.detect;

import dev.sluice.event.Event;
import dev.sluice.event.S3Event.ClientClosed;
import dev.sluice.event.S3Event.ClientCreated;
import dev.sluice.event.S3Event.ThreadEnded;
import dev.sluice.event.S3Event.ThreadSeen;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code CLIENT_LEAKED}: an S3 client still open when the run ends — typically one cached per
 * thread in a {@code ThreadLocal} whose pool thread has ended, leaving its event-loop threads and
 * sockets behind (the Java form of iceberg-python #2785).
 */
public final class ClientLeakedDetector implements Detector {

    private record Open(ClientCreated created, String ownerThread, long time) { }

    private final Map<String, Open> open = new LinkedHashMap<>();
    private final Set<String> endedThreads = new LinkedHashSet<>();
    private final Map<String, Set<String>> loopThreadsByClient = new LinkedHashMap<>();

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (event.body() instanceof ClientCreated c) {
            open.put(c.client(), new Open(c, event.thread(), event.timeNanos()));
        } else if (event.body() instanceof ClientClosed c) {
            open.remove(c.client());
        } else if (event.body() instanceof ThreadEnded t) {
            endedThreads.add(t.threadName());
        } else if (event.body() instanceof ThreadSeen t && "event-loop".equals(t.role()) && t.client() != null) {
            loopThreadsByClient.computeIfAbsent(t.client(), k -> new LinkedHashSet<>()).add(t.threadName());
        }
    }

    @Override
    public void onEnd(long endNanos, FindingSink findings) {
        for (Open o : open.values()) {
            String client = o.created().client();
            List<ResourceRef> resources = new ArrayList<>();
            resources.add(ResourceRef.of("client", client));
            resources.add(ResourceRef.of("thread", o.ownerThread()));
            Set<String> loops = loopThreadsByClient.getOrDefault(client, Set.of());
            for (String loop : loops) {
                resources.add(ResourceRef.of("thread", loop));
            }
            boolean ownerEnded = endedThreads.contains(o.ownerThread());
            String owner = ownerEnded ? "its owner thread " + o.ownerThread() + " ended without closing it"
                    : "its owner thread " + o.ownerThread() + " never closed it";
            int loopCount = loops.isEmpty() ? o.created().eventLoops() : loops.size();
            findings.report(new Finding("CLIENT_LEAKED/" + client, FindingCode.CLIENT_LEAKED, FindingCode.CLIENT_LEAKED.severity(),
                    o.time(), endNanos, resources,
                    client + " leaked: " + owner,
                    "Client " + client + " (" + o.created().clientKind() + ", " + o.created().lifecycle() + ") was created on "
                            + o.ownerThread() + " and was still open when the run ended; " + owner + ". Its "
                            + loopCount + " event-loop thread(s) and their sockets stay alive until the process exits. "
                            + "A client cached per thread (ThreadLocal) on a pool is the usual cause.",
                    "Create one client for all workers, owned by the component that starts the pool, and close it "
                            + "there after the pool has shut down (s3.lifecycle=shared)."));
        }
    }
}
