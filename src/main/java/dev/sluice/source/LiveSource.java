package dev.sluice.source;

import dev.sluice.pipeline.EventSink;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A stream of events that happens now: a run of the embedded engines, or an agent in another JVM.
 * The console and the CLI start, watch and stop every live source the same way.
 */
public interface LiveSource {

    SourceKind kind();

    /** What is shown: the scenario's name, or the attached process. */
    String name();

    /**
     * Starts the stream into {@code sinks} (in order, on the pipeline's dispatcher), recording to
     * {@code record} when it is not null; {@code progress} hears slow steps (a fraction, -1 when
     * unknown, and what is happening) on any thread. Everything is checked first: a refusal starts nothing.
     *
     * @throws SourceException in one line when the source cannot start (a bad setting, nothing listening)
     */
    LiveRun start(List<EventSink> sinks, Path record, BiConsumer<Double, String> progress) throws SourceException;

    /** A started live stream. */
    interface LiveRun {

        /** Asks the source to end its stream soon (the run stops, the agent detaches); returns at once. */
        void requestStop();

        boolean isDone();

        /** Waits for the end of the stream. */
        Ended await() throws InterruptedException;

        /** Bytes recorded so far, or -1 when not recording. */
        long recordedBytes();

        /** Events dropped so far because the consumers fell behind. */
        long dropped();
    }

    /**
     * How a live stream ended.
     *
     * @param summary one line for the status bar: outcome, events, what failed, findings, recording
     * @param failure why the stream failed (one line, secrets removed), or null when it did not
     * @param trace   the recording, or null
     */
    record Ended(String summary, String failure, Path trace) { }
}
