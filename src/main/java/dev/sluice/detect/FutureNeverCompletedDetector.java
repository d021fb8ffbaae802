package dev.sluice.detect;

import dev.sluice.event.Event;
import dev.sluice.event.S3Event.RequestCompleted;
import dev.sluice.event.S3Event.RequestOutcome;
import dev.sluice.event.S3Event.RequestStarted;
import dev.sluice.event.S3Event.ThreadBlocked;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code FUTURE_NEVER_COMPLETED}: a request whose future completed only because apiCallTimeout
 * ended it, or never completed at all by the end of the run — typically orphaned by a dead or
 * closed event loop. Requests of a client whose event loop the watchdog saw blocked are left to
 * {@code BLOCKING_ON_EVENT_LOOP}, which is their cause.
 */
public final class FutureNeverCompletedDetector implements Detector {

    private record Started(String client, String key, String thread, long time) { }

    private final Map<String, Started> pending = new LinkedHashMap<>();
    private final Set<String> blockedClients = new HashSet<>();

    @Override
    public Consumes consumes() {
        return Consumes.kinds(RequestStarted.class, ThreadBlocked.class, RequestCompleted.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (event.body() instanceof RequestStarted r) {
            pending.put(r.request(), new Started(r.client(), r.key(), event.thread(), event.timeNanos()));
        } else if (event.body() instanceof ThreadBlocked b && b.client() != null) {
            blockedClients.add(b.client());
        } else if (event.body() instanceof RequestCompleted r) {
            Started s = pending.remove(r.request());
            if (s != null && r.outcome() == RequestOutcome.TIMEOUT && !blockedClients.contains(s.client())) {
                findings.report(finding(r.request(), s, event.timeNanos(),
                        "its future completed only when apiCallTimeout ended it after "
                                + r.durationNanos() / 1_000_000 + " ms" + (r.error() == null ? "" : " (" + r.error() + ")")));
            }
        }
    }

    @Override
    public void onEnd(long endNanos, FindingSink findings) {
        for (Map.Entry<String, Started> e : pending.entrySet()) {
            Started s = e.getValue();
            if (!blockedClients.contains(s.client())) {
                findings.report(finding(e.getKey(), s, Finding.OPEN, "its future had not completed when the run ended"));
            }
        }
    }

    private static Finding finding(String request, Started s, long end, String what) {
        return new Finding("FUTURE_NEVER_COMPLETED/" + request, FindingCode.FUTURE_NEVER_COMPLETED,
                FindingCode.FUTURE_NEVER_COMPLETED.severity(), s.time(), end,
                List.of(ResourceRef.of("request", request), ResourceRef.of("client", s.client()), ResourceRef.of("thread", s.thread())),
                request + " (" + s.key() + ") never completed on its own",
                "Request " + request + " for " + s.key() + " was issued by " + s.thread() + " on " + s.client() + "; " + what
                        + ". Nothing in the client was going to complete it: its channel or event loop was gone. Without "
                        + "apiCallTimeout, whoever waits on such a future waits forever.",
                "Always set apiCallTimeout (and apiCallAttemptTimeout) on async clients; close a client or its event-loop "
                        + "group only from its owner after its requests have completed.");
    }
}
