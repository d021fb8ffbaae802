package dev.sluice.trace;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * A trace read into memory.
 *
 * @param file      the file read ({@code -} for standard input)
 * @param complete  whether the whole run is here: the trace has its end (format 2: the closing
 *                  batch; format 1: the end-of-stream marker) and no event was skipped
 * @param warning   what was wrong with an incomplete file (null when complete): where it ends, at
 *                  what run time, and what was skipped
 * @param checksums whether the file's checksums were verified, or it has none (format 1)
 */
public record TraceContents(Path file, RunInfo run, List<Event> events, boolean complete, String warning,
                            Checksums checksums) {

    /** Whether the trace's contents were proven unchanged since they were written. */
    public enum Checksums {
        /** Every batch and the schema matched their checksums (format 2). */
        VERIFIED,
        /** The trace predates checksums (format 1): damage shows only where it breaks the structure. */
        ABSENT
    }

    public TraceContents {
        events = List.copyOf(events);
    }

    public TraceContents(Path file, RunInfo run, List<Event> events, boolean complete, String warning) {
        this(file, run, events, complete, warning, Checksums.ABSENT);
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
