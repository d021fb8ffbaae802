package dev.sluice.detect;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.event.S3Event.ClientClosed;
import dev.sluice.event.S3Event.RequestCompleted;
import dev.sluice.event.S3Event.RequestOutcome;
import dev.sluice.event.S3Event.RequestStarted;
import dev.sluice.event.S3Event.ThreadBlocked;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code REQUESTS_FAILED}: S3 requests of a client that failed or timed out — a dead or unreachable
 * endpoint, refused credentials, missing objects. One finding per client with the count, the objects
 * and the first distinct causes. Requests caught in flight by a close of their client
 * ({@code FOREIGN_CLOSE}) or on a client whose event loop was blocked ({@code BLOCKING_ON_EVENT_LOOP})
 * are left to those findings, which name their cause.
 */
public final class RequestsFailedDetector implements Detector {

    /** The SDK numbers its attempts in the message; the same cause after 1 or 4 attempts is one cause. */
    private static final Pattern ATTEMPTS = Pattern.compile("\\s*\\(SDK Attempt Count: \\d+\\)");

    private record Started(String client, String key) { }

    private final Map<String, Started> inFlight = new HashMap<>();
    private final Set<String> explained = new HashSet<>();
    private final Set<String> blockedClients = new HashSet<>();
    private final Map<String, Set<String>> objectsOf = new HashMap<>();
    private final Map<String, FailureGroup> failures = new LinkedHashMap<>();
    private String endpoint = "";

    @Override
    public void onRun(RunInfo run) {
        endpoint = S3Endpoint.of(run);
    }

    @Override
    public Consumes consumes() {
        return Consumes.kinds(RequestStarted.class, ClientClosed.class, ThreadBlocked.class, RequestCompleted.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (event.body() instanceof RequestStarted r) {
            inFlight.put(r.request(), new Started(r.client(), r.key()));
            if (r.key() != null) {
                objectsOf.computeIfAbsent(r.client(), k -> new HashSet<>()).add(r.key());
            }
        } else if (event.body() instanceof ClientClosed c) {
            inFlight.forEach((request, s) -> {
                if (Objects.equals(s.client(), c.client())) {
                    explained.add(request);
                }
            });
        } else if (event.body() instanceof ThreadBlocked b && b.client() != null) {
            blockedClients.add(b.client());
        } else if (event.body() instanceof RequestCompleted r) {
            Started s = inFlight.remove(r.request());
            // both sets are empty in a run with no close in flight and no blocked loop: skip their look-ups then
            boolean wasExplained = !explained.isEmpty() && explained.remove(r.request());
            if (r.outcome() == RequestOutcome.OK || wasExplained
                    || (!blockedClients.isEmpty() && blockedClients.contains(r.client()))) {
                return;
            }
            String client = r.client() == null ? "an unnamed client" : r.client();
            FailureGroup g = failures.computeIfAbsent(client, k -> new FailureGroup(event.timeNanos()));
            g.add(event.timeNanos(), s == null ? null : s.key(), r.error() == null ? null
                    : ATTEMPTS.matcher(r.error()).replaceAll(""));
            findings.report(finding(client, g));
        }
    }

    private Finding finding(String client, FailureGroup g) {
        int objects = objectsOf.getOrDefault(client, Set.of()).size();
        String objectsText = g.items.isEmpty() ? g.count + " request(s)"
                : g.items.size() + " of " + Math.max(objects, g.items.size()) + " objects";
        List<ResourceRef> resources = new ArrayList<>();
        resources.add(ResourceRef.of("client", client));
        g.items.stream().limit(8).forEach(k -> resources.add(ResourceRef.of("object", k)));
        String where = endpoint.isEmpty() ? "" : " (" + endpoint + ")";
        return new Finding("REQUESTS_FAILED/" + client, FindingCode.REQUESTS_FAILED, FindingCode.REQUESTS_FAILED.severity(),
                g.start, g.last, resources,
                objectsText + " failed on " + client + ": " + g.firstCause(),
                g.count + " request(s) of " + client + where + " failed or timed out between +"
                        + DetectorFailure.seconds(g.start) + " and +" + DetectorFailure.seconds(g.last) + ", so "
                        + objectsText + " were not read. First causes: " + g.causes() + ". A job that carries on "
                        + "after such failures silently works on less data than it was given.",
                "Check that the endpoint is up and reachable and the credentials are accepted; let the job retry "
                        + "failed reads with backoff and fail when an object still cannot be read.");
    }
}
