package dev.sluice.model;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.FindingLog;
import dev.sluice.event.Event;
import dev.sluice.source.RecordedSource;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceFormats;
import dev.sluice.source.SourceKind;
import dev.sluice.trace.TraceContents;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a recorded source (a trace, an import) for replay: every event folded into one complete, time-indexed model and
 * the findings computed once by the same detectors as live. Replay then only moves a cursor over it
 * ({@link ReplayTransport}); nothing is re-run to rewind. Runs on the caller's (background) thread.
 */
public final class TraceModel {

    private static final Logger LOG = LoggerFactory.getLogger(TraceModel.class);

    private TraceModel() {
    }

    /** The loaded model plus where it came from, what kind of source it is and how big the file is. */
    public record Loaded(Path file, SourceKind kind, long fileBytes, ModelSnapshot snapshot) { }

    /** Loads whatever {@code file} holds that Sluice opens (a trace, a capture, a Delta table). */
    public static Loaded load(Path file) throws SourceException {
        return load(SourceFormats.standard().open(file.toString()));
    }

    public static Loaded load(RecordedSource source) throws SourceException {
        TraceContents contents = source.readAll();
        Path file = Path.of(source.name());
        ModelBuilder builder = new ModelBuilder();
        builder.open(contents.run());
        DetectorSuite detectors = new DetectorSuite();
        detectors.open(contents.run());
        FindingLog findings = new FindingLog();
        String analysisFailure = null;
        for (Event e : contents.events()) {
            builder.fold(e);
            if (analysisFailure == null) {
                analysisFailure = analyse(() -> detectors.onEvent(e, findings));
            }
        }
        if (analysisFailure == null) {
            analysisFailure = analyse(() -> detectors.onEnd(findings, contents.complete()));
        }
        long bytes = file.toFile().length();
        return new Loaded(file, source.kind(), bytes, builder.snapshot(findings.sorted(), true, contents.warning(), analysisFailure));
    }

    /** Runs detector work; a detector that throws stops the analysis (the model still loads) and says why. */
    private static String analyse(Runnable work) {
        try {
            work.run();
            return null;
        } catch (RuntimeException e) {
            LOG.warn("analysis failed: {}", e.getMessage());
            LOG.debug("analysis failed", e);
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
