package dev.sluice.scenario;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.FailureTally;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingLog;
import dev.sluice.detect.FindingSource;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.trace.TraceContents;
import java.util.List;
import java.util.Optional;

/**
 * Runs the detectors on the dispatcher thread and publishes the findings for any thread to read.
 * When a detector throws, the analysis stops there: the failure is kept (and reported by the
 * pipeline as a sink failure when it closes) so that nobody mistakes the partial list for a result.
 */
public final class FindingsSink implements EventSink, FindingSource {

    private final DetectorSuite suite;
    private final boolean streamComplete;
    private final FindingLog log = new FindingLog();
    private volatile List<Finding> published = List.of();
    private volatile FailureTally.Summary tally = FailureTally.Summary.NONE;
    private volatile RuntimeException failure;
    private long publishedRevision;

    /** For a live run: the stream ends when the run ends. */
    public FindingsSink() {
        this(new DetectorSuite());
    }

    /** For a live run with the given detectors (tests inject one that throws). */
    public FindingsSink(DetectorSuite suite) {
        this(suite, true);
    }

    /** {@code streamComplete}: false for a trace cut before its end (see {@link DetectorSuite#onEnd}). */
    FindingsSink(DetectorSuite suite, boolean streamComplete) {
        this.suite = suite;
        this.streamComplete = streamComplete;
    }

    @Override
    public void open(RunInfo run) {
        suite.open(run);
    }

    @Override
    public void accept(List<Event> batch) {
        if (failure != null) {
            return;
        }
        try {
            for (Event e : batch) {
                suite.onEvent(e, log);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        publish();
    }

    @Override
    public void close() {
        if (failure == null) {
            try {
                suite.onEnd(log, streamComplete);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        publish();
    }

    private void publish() {
        tally = suite.tally().summary();
        if (log.revision() != publishedRevision) {
            publishedRevision = log.revision();
            published = List.copyOf(log.sorted());
        }
    }

    @Override
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * The findings of a recorded trace, computed by replaying it through a pipeline exactly as a
     * live run feeds its detectors. On a trace cut before its end, findings that rest on how the
     * run ended are unconfirmed.
     *
     * @throws RuntimeException (a {@code DetectorFailure} when a detector threw) when the analysis failed:
     *                          there is no list of findings then
     */
    public static List<Finding> replay(TraceContents trace) throws InterruptedException {
        return replay(trace, new DetectorSuite());
    }

    /** {@link #replay(TraceContents)} with a given suite (tests inject detectors). */
    public static List<Finding> replay(TraceContents trace, DetectorSuite suite) throws InterruptedException {
        FindingsSink sink = new FindingsSink(suite, trace.complete());
        Pipeline pipeline = Pipeline.replay(trace.run(), List.of(sink));
        try {
            for (Event e : trace.events()) {
                if (sink.failure != null) {
                    break; // the analysis stopped: feeding it the rest is wasted work
                }
                pipeline.inject(e);
            }
        } finally {
            pipeline.close();
        }
        if (sink.failure != null) {
            throw sink.failure;
        }
        for (Throwable t : pipeline.sinkFailures()) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException(t.getMessage(), t);
        }
        return sink.findings();
    }

    /** The findings so far, in output order (an immutable snapshot). */
    @Override
    public List<Finding> findings() {
        return published;
    }

    @Override
    public FailureTally.Summary tally() {
        return tally;
    }
}
