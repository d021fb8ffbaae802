package dev.sluice.pipeline;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import java.util.List;
import java.util.Optional;

/**
 * A consumer of the event stream (trace writer, detectors, live model). All methods are called
 * on the pipeline's one dispatcher thread, in order, so a sink needs no locks of its own.
 */
public interface EventSink extends AutoCloseable {

    /** The run begins; called once before any batch. */
    default void open(RunInfo run) throws Exception {
    }

    /** The next events in order; the list is reused after the call returns, so copy what you keep. */
    void accept(List<Event> batch) throws Exception;

    /** Called at least every 50 ms while the pipeline runs, with or without events (flush timers). */
    default void tick() throws Exception {
    }

    /**
     * A failure the sink caught and kept rather than threw (the detectors keep theirs so the live
     * model still folds events): its output is wrong, and the pipeline reports it among
     * {@link Pipeline#sinkFailures()} once it has closed. Read on the dispatcher thread.
     */
    default Optional<Exception> failure() {
        return Optional.empty();
    }

    /** The stream ended; flush and release. */
    @Override
    default void close() throws Exception {
    }
}
