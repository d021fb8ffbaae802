package dev.sluice.scenario;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingLog;
import dev.sluice.detect.FindingSource;
import dev.sluice.event.Event;
import dev.sluice.pipeline.EventSink;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.trace.TraceContents;
import java.util.List;

/** Runs the detectors on the dispatcher thread and publishes the findings for any thread to read. */
public final class FindingsSink implements EventSink, FindingSource {

    private final DetectorSuite suite = new DetectorSuite();
    private final FindingLog log = new FindingLog();
    private volatile List<Finding> published = List.of();
    private long publishedRevision;

    @Override
    public void accept(List<Event> batch) {
        for (Event e : batch) {
            suite.onEvent(e, log);
        }
        publish();
    }

    @Override
    public void close() {
        suite.onEnd(log);
        publish();
    }

    private void publish() {
        if (log.revision() != publishedRevision) {
            publishedRevision = log.revision();
            published = List.copyOf(log.sorted());
        }
    }

    /**
     * The findings of a recorded trace, computed by replaying it through a pipeline exactly as a
     * live run feeds its detectors.
     */
    public static List<Finding> replay(TraceContents trace) throws InterruptedException {
        FindingsSink sink = new FindingsSink();
        Pipeline pipeline = Pipeline.replay(trace.run(), List.of(sink));
        try {
            for (Event e : trace.events()) {
                pipeline.inject(e);
            }
        } finally {
            pipeline.close();
        }
        return sink.findings();
    }

    /** The findings so far, in output order (an immutable snapshot). */
    @Override
    public List<Finding> findings() {
        return published;
    }
}
