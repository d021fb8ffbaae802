package dev.sluice.model;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.FindingLog;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.source.RecordedSource;
import dev.sluice.source.RecordingSink;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceFormats;
import dev.sluice.source.SourceKind;
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

    /**
     * Streams {@code source} into the model and the detectors as it is read: no list of every event is kept, so the
     * heap holds only the model's packed columns and the detectors' state.
     */
    public static Loaded load(RecordedSource source) throws SourceException {
        Slabs.Budget previous = Slabs.startRun(); // its own direct-buffer budget, whatever runs loaded before hold
        try {
            return fold(source);
        } finally {
            Slabs.endRun(previous);
        }
    }

    private static Loaded fold(RecordedSource source) throws SourceException {
        Path file = Path.of(source.name());
        Folding folding = new Folding();
        RecordedSource.Ending ending = source.stream(folding);
        if (!folding.opened) {
            throw new SourceException(source.name(), "holds no run");
        }
        String analysisFailure = folding.analysisFailure;
        if (analysisFailure == null) {
            analysisFailure = analyse(() -> folding.detectors.onEnd(folding.findings, ending.complete()));
        }
        long bytes = file.toFile().length();
        return new Loaded(file, source.kind(), bytes,
                folding.builder.snapshot(folding.findings.sorted(), true, ending.warning(), analysisFailure));
    }

    /** The sink a source streams into: each event folded into the model and passed to the detectors in turn. */
    private static final class Folding implements RecordingSink {
        private final ModelBuilder builder = new ModelBuilder();
        private final DetectorSuite detectors = new DetectorSuite();
        private final FindingLog findings = new FindingLog();
        private boolean opened;
        private String analysisFailure;

        @Override
        public void open(RunInfo run) {
            opened = true;
            builder.open(run);
            detectors.open(run);
        }

        @Override
        public void accept(Event e) {
            builder.fold(e);
            if (analysisFailure == null) {
                analysisFailure = analyse(() -> detectors.onEvent(e, findings));
            }
        }
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
