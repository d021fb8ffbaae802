package dev.sluice.scenario;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.FailureTally;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingLog;
import dev.sluice.detect.FindingSource;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
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
     * The findings of a recorded trace, computed by feeding its events to the detectors in recorded
     * order, as a live run's dispatcher does (a replay pipeline passes recorded events through
     * unchanged, so the detectors run here, on the calling thread, without its hand-off per event).
     * On a trace cut before its end, findings that rest on how the run ended are unconfirmed.
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
        sink.openHere(trace.run());
        int n = 0;
        for (Event e : trace.events()) {
            if (sink.failure != null) {
                break; // the analysis stopped: feeding it the rest is wasted work
            }
            if ((++n & (Feed.INTERRUPT_CHECK - 1)) == 0 && Thread.interrupted()) {
                throw new InterruptedException("replay of " + trace.run().runId() + " interrupted");
            }
            sink.acceptHere(e);
        }
        sink.close();
        return sink.result();
    }

    /**
     * What a streamed check saw: the run, how many events, the last event's run time, how the source
     * ended, and the findings in output order.
     */
    public record Checked(RunInfo run, long events, long endNanos, RecordedSource.Ending ending,
                          List<Finding> findings) { }

    /**
     * The findings of a recorded source in one pass, read and detected together on the calling
     * thread: each event goes to the detectors as it is decoded, so memory stays bounded by the
     * reader's record batch whatever the trace's size. Same findings as {@link #replay(TraceContents,
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
        try {
            ending = source.stream(feed);
        } catch (SourceException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException(e.getMessage());
            }
            throw e;
        }
        if (feed.run == null) {
            throw new SourceException(source.name(), "holds no run");
        }
        sink.streamComplete = ending.complete();
        sink.close();
        List<Finding> findings;
        try {
            findings = sink.result();
        } catch (RuntimeException e) {
            throw new AnalysisFailed(e, ending);
        }
        return new Checked(feed.run, feed.events, feed.endNanos, ending, findings);
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

    /** The findings once the sink closed, or the analysis's failure. */
    private List<Finding> result() {
        if (failure != null) {
            throw failure;
        }
        return findings();
    }

    /** Opens the detectors on this thread; a detector refusing the run stops the analysis, as in {@link #accept}. */
    private void openHere(RunInfo run) {
        try {
            open(run);
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** One recorded event to the detectors on this thread, without the batch {@link #accept} publishes after. */
    private void acceptHere(Event e) {
        try {
            suite.onEvent(e, log);
        } catch (RuntimeException ex) {
            failure = ex;
        }
    }

    /**
     * Feeds a source's stream to the detectors on the reading thread: no replay pipeline (it would
     * pass the recorded events through unchanged) and so no hand-off per event.
     */
    private static final class Feed implements RecordingSink {
        /** How often the reading thread looks for an interrupt, in events (a power of two). */
        private static final long INTERRUPT_CHECK = 1 << 16;
        private final String name;
        private final FindingsSink sink;
        RunInfo run;
        long events;
        long endNanos;

        Feed(String name, FindingsSink sink) {
            this.name = name;
            this.sink = sink;
        }

        @Override
        public void open(RunInfo run) {
            this.run = run;
            sink.openHere(run);
        }

        @Override
        public void accept(Event event) throws SourceException {
            if ((++events & (INTERRUPT_CHECK - 1)) == 0 && Thread.currentThread().isInterrupted()) {
                throw new SourceException(name, "interrupted");
            }
            endNanos = Math.max(endNanos, event.timeNanos());
            if (sink.failure == null) { // once the analysis stopped, the rest is only read, for how the source ends
                sink.acceptHere(event);
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
