package dev.sluice.compare;

import dev.sluice.detect.Finding;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import java.util.List;

/** One side of a comparison: a run, its events in order and the findings the detectors made of them. */
public record ComparedRun(String name, RunInfo run, List<Event> events, List<Finding> findings) {

    public ComparedRun {
        events = List.copyOf(events);
        findings = List.copyOf(findings);
    }
}
