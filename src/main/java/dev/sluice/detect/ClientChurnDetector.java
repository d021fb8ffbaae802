package dev.sluice.detect;

import dev.sluice.event.Event;
import dev.sluice.event.S3Event.ClientClosed;
import dev.sluice.event.S3Event.ClientCreated;
import dev.sluice.event.S3Event.CloseTarget;
import dev.sluice.event.S3Event.RequestStarted;
import dev.sluice.event.S3Event.ThreadRole;
import dev.sluice.event.S3Event.ThreadSeen;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code CLIENT_CHURN}: clients created, used for a single request and closed, again and again —
 * each one builds an event-loop group, threads, connections (and TLS handshakes on real S3) only
 * to throw them away. Reported once {@link #THRESHOLD} single-use clients were seen, with clients
 * and SDK threads created per second; updated as more come.
 */
public final class ClientChurnDetector implements Detector {

    static final int THRESHOLD = 8;

    private static final class Use {
        final long created;
        int requests;
        int threads;

        Use(long created) {
            this.created = created;
        }
    }

    private final Map<String, Use> clients = new HashMap<>();
    private int singleUse;
    private long singleUseThreads;
    private long first = -1;
    private long last;

    @Override
    public Consumes consumes() {
        return Consumes.kinds(ClientCreated.class, RequestStarted.class, ThreadSeen.class, ClientClosed.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (event.body() instanceof ClientCreated c) {
            clients.put(c.client(), new Use(event.timeNanos()));
        } else if (event.body() instanceof RequestStarted r) {
            Use u = clients.get(r.client());
            if (u != null) {
                u.requests++;
            }
        } else if (event.body() instanceof ThreadSeen t && !isBlank(t.client())) {
            Use u = clients.get(t.client());
            if (u != null && t.role() != ThreadRole.POOL) {
                u.threads++;
            }
        } else if (event.body() instanceof ClientClosed c && c.target() == CloseTarget.CLIENT) {
            Use u = clients.remove(c.client());
            if (u == null || u.requests > 1) {
                return;
            }
            singleUse++;
            singleUseThreads += u.threads;
            if (first < 0) {
                first = u.created;
            }
            last = event.timeNanos();
            if (singleUse >= THRESHOLD) {
                findings.report(finding());
            }
        }
    }

    private Finding finding() {
        double seconds = Math.max(last - first, 1_000_000) / 1e9;
        String rates = String.format(Locale.ROOT, "%.1f clients/s and %.1f SDK threads/s", singleUse / seconds,
                singleUseThreads / seconds);
        return new Finding("CLIENT_CHURN/s3", FindingCode.CLIENT_CHURN, FindingCode.CLIENT_CHURN.severity(), first, last,
                List.of(ResourceRef.of("engine", "s3")),
                singleUse + " single-use S3 clients (" + rates + ")",
                singleUse + " clients were each created, used for at most one request and closed, over "
                        + String.format(Locale.ROOT, "%.2f s", seconds) + ": " + rates + " (" + singleUseThreads
                        + " event-loop and completion threads in all). Each client builds its own event-loop group, "
                        + "connection pool and (on real S3) TLS sessions, and closing it waits for its event loops "
                        + "to wind down, so the requests pay for all of that every time.",
                "Create one client when the job starts, share it across all workers and requests, and close it once "
                        + "at the end (s3.lifecycle=shared).");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }
}
