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
import dev.sluice.source.RecordedSource;
import dev.sluice.source.RecordingSink;
import dev.sluice.source.SourceException;
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
    /** Set by a streamed check once the source says how it ended, before the pipeline closes. */
    private volatile boolean streamComplete;
    /** The stream failed to read: no end, no findings (closing must not look like a result). */
    private volatile boolean abandoned;
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
        if (failure == null && !abandoned) {
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
        return sink.result(pipeline);
    }

    /**
     * What a streamed check saw: the run, how many events, the last event's run time, how the source
     * ended, and the findings in output order.
     */
    public record Checked(RunInfo run, long events, long endNanos, RecordedSource.Ending ending,
                          List<Finding> findings) { }

    /**
     * The findings of a recorded source in one pass, read and detected together: the source's
     * batches flow into a replay pipeline as they are decoded, so memory stays bounded by the
     * pipeline's ring whatever the trace's size. Same findings as {@link #replay(TraceContents,
     * DetectorSuite)} of the source read whole.
     *
     * @throws SourceException when the source cannot be read (also half way): there is no result then
     * @throws AnalysisFailed  when the analysis failed (a detector threw): no findings, but how the source ended
     */
    public static Checked check(RecordedSource source, DetectorSuite suite)
            throws SourceException, InterruptedException {
        FindingsSink sink = new FindingsSink(suite, true);
        Feed feed = new Feed(source.name(), sink);
        RecordedSource.Ending ending;
        boolean read = false;
        try {
            ending = source.stream(feed);
            read = true;
        } catch (SourceException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException(e.getMessage());
            }
            throw e;
        } finally {
            if (!read && feed.pipeline != null) {
                sink.abandoned = true;
                feed.pipeline.close();
            }
        }
        if (feed.pipeline == null) {
            throw new SourceException(source.name(), "holds no run");
        }
        sink.streamComplete = ending.complete();
        feed.pipeline.close();
        List<Finding> findings;
        try {
            findings = sink.result(feed.pipeline);
        } catch (RuntimeException e) {
            throw new AnalysisFailed(e, ending);
        }
        return new Checked(feed.pipeline.run(), feed.events, feed.endNanos, ending, findings);
    }

    /**
     * A streamed check whose analysis failed (its cause: a {@code DetectorFailure} when a detector
     * threw), with how the source ended: the rest of it was read without the detectors, so a cut
     * trace still says where it ends.
     */
    public static final class AnalysisFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RecordedSource.Ending ending;

        AnalysisFailed(RuntimeException cause, RecordedSource.Ending ending) {
            super(cause.getMessage(), cause);
            this.ending = ending;
        }

        public RecordedSource.Ending ending() {
            return ending;
        }
    }

    /** The findings once the pipeline closed, or the analysis's failure. */
    private List<Finding> result(Pipeline pipeline) {
        if (failure != null) {
            throw failure;
        }
        for (Throwable t : pipeline.sinkFailures()) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException(t.getMessage(), t);
        }
        return findings();
    }

    /** Hands a source's stream to a replay pipeline, opened on the source's run. */
    private static final class Feed implements RecordingSink {
        private final String name;
        private final FindingsSink sink;
        Pipeline pipeline;
        long events;
        long endNanos;

        Feed(String name, FindingsSink sink) {
            this.name = name;
            this.sink = sink;
        }

        @Override
        public void open(RunInfo run) {
            pipeline = Pipeline.replay(run, List.of(sink));
        }

        @Override
        public void accept(Event event) throws SourceException {
            events++;
            endNanos = Math.max(endNanos, event.timeNanos());
            if (sink.failure != null) {
                return; // the analysis stopped: the rest is only read, for how the source ends
            }
            try {
                pipeline.inject(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException(name, "interrupted", e);
            }
        }
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
