package dev.sluice.detect;

import dev.sluice.event.AppEvent.EventsDropped;
import dev.sluice.event.Event;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code EVENTS_DROPPED}: the pipeline lost events, so views and other findings may be incomplete. */
public final class EventsDroppedDetector implements Detector {

    private final Map<String, long[]> byKind = new HashMap<>(); // kind -> {first time, count}

    @Override
    public Consumes consumes() {
        return Consumes.kinds(EventsDropped.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (!(event.body() instanceof EventsDropped d)) {
            return;
        }
        long[] state = byKind.computeIfAbsent(d.droppedKind(), k -> new long[] {event.timeNanos(), 0});
        state[1] += d.count();
        findings.report(Finding.of("EVENTS_DROPPED/" + d.droppedKind(), FindingCode.EVENTS_DROPPED, state[0],
                List.of(ResourceRef.of("kind", d.droppedKind())),
                state[1] + " " + d.droppedKind() + " events dropped",
                "The probes produced " + d.droppedKind() + " events faster than Sluice could take them, so "
                        + state[1] + " were dropped and never reached the trace, the views or the detectors. "
                        + "Other findings of this run may be incomplete.",
                "Raise pipeline.capacity, or sample less often (for example a larger flight.sample.ms)."));
    }
}
