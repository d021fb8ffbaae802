package dev.sluice.detect;

import dev.sluice.event.Event;
import dev.sluice.event.S3Event.ClientClosed;
import dev.sluice.event.S3Event.ClientCreated;
import dev.sluice.event.S3Event.CloseTarget;
import dev.sluice.event.S3Event.ThreadEnded;
import dev.sluice.event.S3Event.ThreadRole;
import dev.sluice.event.S3Event.ThreadSeen;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code CLIENT_LEAKED}: an S3 client still open when the thread that created it ended (typically a
 * pool thread that cached it in a {@code ThreadLocal}, the Java form of iceberg-python #2785), or
 * when the run ended. Reported at that moment, naming the client, its owner thread and the SDK
 * threads (event loops, completion pool) still alive; if Sluice later reclaims the client, the
 * finding ends there.
 */
public final class ClientLeakedDetector implements Detector {

    private static final class Open {
        final ClientCreated created;
        final String ownerThread;
        final long time;
        Finding reported;

        Open(ClientCreated created, String ownerThread, long time) {
            this.created = created;
            this.ownerThread = ownerThread;
            this.time = time;
        }
    }

    private final Map<String, Open> open = new LinkedHashMap<>();
    private final Map<String, Set<String>> liveSdkThreads = new LinkedHashMap<>();

    @Override
    public Consumes consumes() {
        return Consumes.kinds(ClientCreated.class, ClientClosed.class, ThreadSeen.class, ThreadEnded.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (event.body() instanceof ClientCreated c) {
            open.put(c.client(), new Open(c, event.thread(), event.timeNanos()));
        } else if (event.body() instanceof ClientClosed c && c.target() != CloseTarget.EVENT_LOOP_GROUP) {
            Open o = open.remove(c.client());
            if (o != null && o.reported != null) {
                findings.report(o.reported.endedAt(event.timeNanos()));
            }
        } else if (event.body() instanceof ThreadSeen t && isSdkThread(t.role()) && !isBlank(t.client())) {
            liveSdkThreads.computeIfAbsent(t.client(), k -> new LinkedHashSet<>()).add(t.threadName());
        } else if (event.body() instanceof ThreadEnded t) {
            if (isSdkThread(t.role())) {
                Set<String> live = liveSdkThreads.get(t.client()); // no set made per event for an unknown client
                if (live != null) {
                    live.remove(t.threadName());
                }
            }
            for (Open o : open.values()) {
                if (o.reported == null && o.ownerThread.equals(t.threadName())) {
                    o.reported = leak(o, event.timeNanos(), "its owner thread " + o.ownerThread + " ended without closing it");
                    findings.report(o.reported);
                }
            }
        }
    }

    @Override
    public void onEnd(long endNanos, FindingSink findings) {
        for (Open o : open.values()) {
            if (o.reported == null) {
                findings.report(leak(o, o.time, "its owner thread " + o.ownerThread + " never closed it"));
            }
        }
    }

    private static boolean isSdkThread(ThreadRole role) {
        return role == ThreadRole.EVENT_LOOP || role == ThreadRole.COMPLETION;
    }

    private Finding leak(Open o, long at, String owner) {
        String client = o.created.client();
        List<ResourceRef> resources = new ArrayList<>();
        resources.add(ResourceRef.of("client", client));
        resources.add(ResourceRef.of("thread", o.ownerThread));
        Set<String> alive = liveSdkThreads.getOrDefault(client, Set.of());
        for (String t : alive) {
            resources.add(ResourceRef.of("thread", t));
        }
        String threads = alive.isEmpty()
                ? "Its " + o.created.eventLoops() + " event-loop thread(s) and sockets stay alive until the process exits."
                : "Still alive: " + String.join(", ", alive) + ".";
        return Finding.of("CLIENT_LEAKED/" + client, FindingCode.CLIENT_LEAKED, at, resources,
                client + " leaked: " + owner,
                "Client " + client + " (" + o.created.clientKind().id() + ", " + o.created.lifecycle().id()
                        + ", event loops " + o.created.loopGroupOwner().id() + ") was created on " + o.ownerThread + " and is still open: " + owner
                        + ". " + threads + " Nobody can close it any more except a finalizer or process exit, which may run"
                        + " on any thread; a client cached per thread (ThreadLocal) on a pool is the usual cause.",
                "Create one client for all workers, owned by the component that starts the pool, and close it "
                        + "there after the pool has shut down (s3.lifecycle=shared).");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }
}
