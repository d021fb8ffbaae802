package dev.sluice.detect;

import dev.sluice.event.Event;
import dev.sluice.event.S3Event.ClientClosed;
import dev.sluice.event.S3Event.ClientCreated;
import dev.sluice.event.S3Event.CloseTarget;
import dev.sluice.event.S3Event.RequestCompleted;
import dev.sluice.event.S3Event.RequestStarted;
import dev.sluice.event.S3Event.ThreadEnded;
import dev.sluice.event.S3Event.ThreadRole;
import dev.sluice.event.S3Event.ThreadSeen;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code FOREIGN_CLOSE}: a client, or the event-loop group under it, closed by a thread that does
 * not own it while its requests are in flight, or closed from one of its own event loops (Netty's
 * {@code BlockingOperationException}, SDK issue #6863). Pinned to the moment of the close, naming
 * the closing thread, the owner and the requests caught in flight.
 */
public final class ForeignCloseDetector implements Detector {

    private static final int MAX_NAMED = 8;

    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, Set<String>> loops = new HashMap<>();
    private final Map<String, Set<String>> inFlight = new HashMap<>();

    @Override
    public Consumes consumes() {
        return Consumes.kinds(ClientCreated.class, ThreadSeen.class, ThreadEnded.class, RequestStarted.class, RequestCompleted.class, ClientClosed.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (event.body() instanceof ClientCreated c) {
            owners.put(c.client(), event.thread());
        } else if (event.body() instanceof ThreadSeen t && t.role() == ThreadRole.EVENT_LOOP && t.client() != null) {
            loops.computeIfAbsent(t.client(), k -> new HashSet<>()).add(t.threadName());
        } else if (event.body() instanceof ThreadEnded t && t.role() == ThreadRole.EVENT_LOOP && t.client() != null) {
            Set<String> clientLoops = loops.get(t.client()); // no set made per event for an unknown client
            if (clientLoops != null) {
                clientLoops.remove(t.threadName());
            }
        } else if (event.body() instanceof RequestStarted r) {
            Set<String> requests = inFlight.get(r.client());
            if (requests == null) {
                requests = new LinkedHashSet<>();
                inFlight.put(r.client(), requests);
            }
            requests.add(r.request());
        } else if (event.body() instanceof RequestCompleted r) {
            Set<String> requests = inFlight.get(r.client()); // no set made per event for an unknown client
            if (requests != null) {
                requests.remove(r.request());
            }
        } else if (event.body() instanceof ClientClosed c && c.target() != CloseTarget.RECLAIM) {
            check(event, c, findings);
        }
    }

    private void check(Event event, ClientClosed c, FindingSink findings) {
        String owner = owners.getOrDefault(c.client(), "?");
        // closedBy names the closing thread; the emitting thread is the same one when it is absent
        String closer = c.closedBy() == null || c.closedBy().isEmpty() ? event.thread() : c.closedBy();
        boolean onOwnLoop = loops.getOrDefault(c.client(), Set.of()).contains(closer);
        Set<String> pending = inFlight.getOrDefault(c.client(), Set.of());
        int caught = Math.max(c.inFlight(), pending.size());
        boolean foreign = !Objects.equals(closer, owner);
        if (!onOwnLoop && !(foreign && caught > 0)) {
            return;
        }
        String what = c.target() == CloseTarget.EVENT_LOOP_GROUP ? "the event-loop group of " + c.client() : c.client();
        List<ResourceRef> resources = new ArrayList<>();
        resources.add(ResourceRef.of("client", c.client()));
        resources.add(ResourceRef.of("thread", closer));
        resources.add(ResourceRef.of("thread", owner));
        int named = 0;
        for (String r : pending) {
            if (named++ == MAX_NAMED) {
                break;
            }
            resources.add(ResourceRef.of("request", r));
        }
        String why = onOwnLoop ? "from " + closer + ", one of the client's own event loops"
                : "by " + closer + ", which does not own it (owner: " + owner + ")";
        findings.report(Finding.of("FOREIGN_CLOSE/" + c.client() + "/" + c.target().id(), FindingCode.FOREIGN_CLOSE,
                event.timeNanos(), resources,
                what + " closed " + why + " with " + caught + " request(s) in flight",
                "At this moment " + what + " was closed " + why + ", while " + caught + " request(s) were still in flight"
                        + (pending.isEmpty() ? "" : " (" + String.join(", ", pending.stream().limit(MAX_NAMED).toList())
                        + (pending.size() > MAX_NAMED ? ", ..." : "") + ")")
                        + ". Their channels are torn down under them: some fail with closed-channel errors, and a "
                        + "future whose completion task is rejected by the dead event loop never completes unless "
                        + "apiCallTimeout ends it. This is the Java form of 'Future attached to a different loop'.",
                "Let the owner close the client (and then the event-loop group it passed in) after every request "
                        + "it issued has completed; never close a client or its group from another thread or from a "
                        + "callback running on its event loop; always set apiCallTimeout."));
    }
}
