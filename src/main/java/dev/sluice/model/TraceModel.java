package dev.sluice.model;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.FindingLog;
import dev.sluice.event.Event;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceException;
import dev.sluice.trace.TraceReader;
import java.nio.file.Path;

/**
 * Loads a recorded trace for replay: every event folded into one complete, time-indexed model and
 * the findings computed once by the same detectors as live. Replay then only moves a cursor over it
 * ({@link ReplayTransport}); nothing is re-run to rewind. Runs on the caller's (background) thread.
 */
public final class TraceModel {

    private TraceModel() {
    }

    /** The loaded model plus where it came from and how big the file is. */
    public record Loaded(Path file, long fileBytes, ModelSnapshot snapshot) { }

    public static Loaded load(Path file) throws TraceException {
        TraceContents contents = TraceReader.readAll(file);
        ModelBuilder builder = new ModelBuilder();
        builder.open(contents.run());
        DetectorSuite detectors = new DetectorSuite();
        FindingLog findings = new FindingLog();
        for (Event e : contents.events()) {
            builder.fold(e);
            detectors.onEvent(e, findings);
        }
        detectors.onEnd(findings);
        long bytes = file.toFile().length();
        return new Loaded(file, bytes, builder.snapshot(findings.sorted(), true, contents.warning()));
    }
}
