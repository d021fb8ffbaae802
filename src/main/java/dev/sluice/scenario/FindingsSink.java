package dev.sluice.scenario;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingLog;
import dev.sluice.event.Event;
import dev.sluice.pipeline.EventSink;
import java.util.List;

/** Runs the detectors on the dispatcher thread and publishes the findings for any thread to read. */
public final class FindingsSink implements EventSink {

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

    /** The findings so far, in output order (an immutable snapshot). */
    public List<Finding> findings() {
        return published;
    }
}
