package dev.sluice.detect;

import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent.ConnectionOpened;
import dev.sluice.event.FlightEvent.StreamCompleted;
import dev.sluice.event.FlightEvent.StreamOpened;
import dev.sluice.event.FlightEvent.StreamOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code STREAMS_FAILED}: Flight streams that ended with an error (not cancelled by the client) —
 * an endpoint that died, refused the ticket or broke the connection. One finding per connection
 * with the count, the streams, the endpoint and the first distinct causes.
 */
public final class StreamsFailedDetector implements Detector {

    private final Map<String, String> endpointOf = new HashMap<>();
    private final Map<String, Set<String>> streamsOf = new HashMap<>();
    private final Map<String, FailureGroup> failures = new LinkedHashMap<>();

    @Override
    public Consumes consumes() {
        return Consumes.kinds(ConnectionOpened.class, StreamOpened.class, StreamCompleted.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (event.body() instanceof ConnectionOpened c) {
            endpointOf.put(c.connection(), DeltaConflicts.text(c.endpoint()));
        } else if (event.body() instanceof StreamOpened s) {
            streamsOf.computeIfAbsent(s.connection(), k -> new HashSet<>()).add(s.stream());
        } else if (event.body() instanceof StreamCompleted s && s.outcome() == StreamOutcome.FAILED) {
            String connection = s.connection() == null ? "an unnamed connection" : s.connection();
            FailureGroup g = failures.computeIfAbsent(connection, k -> new FailureGroup(event.timeNanos()));
            g.add(event.timeNanos(), s.stream(), s.error());
            findings.report(finding(connection, g));
        }
    }

    private Finding finding(String connection, FailureGroup g) {
        int opened = Math.max(streamsOf.getOrDefault(connection, Set.of()).size(), g.items.size());
        String endpoint = endpointOf.getOrDefault(connection, "");
        List<ResourceRef> resources = new ArrayList<>();
        resources.add(ResourceRef.of("connection", connection));
        g.items.stream().limit(8).forEach(s -> resources.add(ResourceRef.of("stream", s)));
        String where = endpoint.isEmpty() ? connection : connection + " (" + endpoint + ")";
        return new Finding("STREAMS_FAILED/" + connection, FindingCode.STREAMS_FAILED, FindingCode.STREAMS_FAILED.severity(),
                g.start, g.last, resources,
                g.count + " of " + opened + " streams failed on " + where + ": " + g.firstCause(),
                g.count + " stream(s) on " + where + " ended with an error between +" + DetectorFailure.seconds(g.start)
                        + " and +" + DetectorFailure.seconds(g.last) + ": " + String.join(", ", g.items.stream().limit(8).toList())
                        + (g.items.size() > 8 ? ", ..." : "") + ". First causes: " + g.causes() + ". Their partitions "
                        + "were not fully read, so a shuffle that carries on is missing rows.",
                "Check that the Flight endpoint is up and accepts the tickets; retry failed partitions, and fail the "
                        + "query when a partition cannot be read.");
    }
}
