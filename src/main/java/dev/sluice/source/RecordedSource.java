package dev.sluice.source;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.trace.TraceContents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A finite, already recorded stream of events: a Sluice trace, a packet capture, a Delta log. It is
 * read in one pass and feeds the same model, detectors and views as a live run. A source says how its
 * stream ended: complete, or cut short (and where), so nothing cut reads as clean.
 */
public interface RecordedSource {

    SourceKind kind();

    /** The argument as the user gave it (a path, an s3:// URI), used in every message. */
    String name();

    /**
     * Streams the run and then every event, in order, to {@code sink}.
     *
     * @return how the stream ended
     * @throws SourceException when the source cannot be read at all, or {@code sink} refuses
     */
    Ending stream(RecordingSink sink) throws SourceException;

    /**
     * Checks the source can be read, without keeping its events (the console's pre-check before a
     * window opens). Sources that can check more cheaply than a full pass override it.
     */
    default Ending check() throws SourceException {
        return stream(new RecordingSink() {
            @Override
            public void open(RunInfo run) {
            }

            @Override
            public void accept(Event event) {
            }
        });
    }

    /** Reads the whole stream into memory. */
    default TraceContents readAll() throws SourceException {
        List<Event> events = new ArrayList<>();
        RunInfo[] run = new RunInfo[1];
        Ending ending = stream(new RecordingSink() {
            @Override
            public void open(RunInfo r) {
                run[0] = r;
            }

            @Override
            public void accept(Event event) {
                events.add(event);
            }
        });
        if (run[0] == null) {
            throw new SourceException(name(), "holds no run");
        }
        return new TraceContents(Path.of(name()), run[0], events, ending.complete(), ending.warning(),
                ending.checksums());
    }

    /**
     * How a stream ended.
     *
     * @param complete  the whole run is here: nothing cut, nothing skipped
     * @param warning   what was missing or skipped, and where (null when complete)
     * @param checksums whether the contents were proven unchanged since they were written
     */
    record Ending(boolean complete, String warning, TraceContents.Checksums checksums) {

        /** A complete stream with no checksums of its own (an import re-reads its source's bytes). */
        public static Ending whole() {
            return new Ending(true, null, TraceContents.Checksums.ABSENT);
        }

        /** A stream cut short or with holes: {@code warning} says where and what it makes unknown. */
        public static Ending partial(String warning) {
            return new Ending(false, warning, TraceContents.Checksums.ABSENT);
        }
    }
}
