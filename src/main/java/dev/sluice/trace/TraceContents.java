package dev.sluice.trace;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * A trace read into memory.
 *
 * @param complete whether the file ended with Arrow's end-of-stream marker
 * @param warning  what was wrong with an incomplete file (null when complete), e.g. where it was cut
 */
public record TraceContents(Path file, RunInfo run, List<Event> events, boolean complete, String warning) {

    public TraceContents {
        events = List.copyOf(events);
    }

    /** Run time of the last event (0 for an empty trace). */
    public long endNanos() {
        long end = 0;
        for (Event e : events) {
            end = Math.max(end, e.timeNanos());
        }
        return end;
    }
}
