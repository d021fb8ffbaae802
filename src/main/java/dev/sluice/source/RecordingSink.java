package dev.sluice.source;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;

/** Receives a recorded source's stream: the run first, then every event in order, on the caller's thread. */
public interface RecordingSink {

    /** The run the events belong to; called once, before any event. */
    void open(RunInfo run) throws SourceException;

    void accept(Event event) throws SourceException;
}
