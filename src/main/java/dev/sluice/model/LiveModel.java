package dev.sluice.model;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.FailureTally;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingLog;
import dev.sluice.detect.FindingSource;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model of a live run: a pipeline sink that folds events and runs the detectors on the
 * dispatcher thread, and publishes an immutable snapshot only when the display asked for one
 * ({@link #take()} once per pulse), so there is at most one snapshot per pulse however fast events
 * arrive, and nothing is posted to the FX thread per event.
 */
public final class LiveModel implements EventSink, FindingSource {

    private final ModelBuilder builder = new ModelBuilder();
    private final DetectorSuite detectors = new DetectorSuite();
    private final FindingLog findings = new FindingLog();
    private final AtomicReference<ModelSnapshot> latest = new AtomicReference<>(ModelSnapshot.EMPTY);
    private volatile boolean wanted = true;
    private volatile long received;
    private volatile long published;
    private boolean dirty;
    private volatile RunInfo opening;
    private volatile FailureTally.Summary tally = FailureTally.Summary.NONE;
    private volatile RuntimeException analysisFailure; // a detector threw: events still fold, detectors stop

    /**
     * Called by the thread that starts the pipeline, not the dispatcher: the run is handed over and
     * folded by the dispatcher on its first call, so the builder only ever sees one thread.
     */
    @Override
    public void open(RunInfo run) {
        opening = run;
    }

    private void takeOpening() {
        RunInfo run = opening;
        if (run != null) {
            opening = null;
            builder.open(run);
            detectors.open(run);
            dirty = true;
        }
    }

    @Override
    @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the pipeline's dispatcher thread
    public void accept(List<Event> batch) {
        takeOpening();
        for (int i = 0; i < batch.size(); i++) {
            Event e = batch.get(i);
            builder.fold(e);
            if (analysisFailure == null) {
                try {
                    detectors.onEvent(e, findings);
                } catch (RuntimeException ex) {
                    analysisFailure = ex;
                }
            }
        }
        received += batch.size();
        tally = detectors.tally().summary();
        dirty = true;
        publishIfWanted();
    }

    @Override
    public void tick() {
        takeOpening();
        publishIfWanted();
    }

    @Override
    @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the pipeline's dispatcher thread
    public void close() {
        takeOpening();
        if (analysisFailure == null) {
            try {
                detectors.onEnd(findings);
            } catch (RuntimeException ex) {
                analysisFailure = ex;
            }
        }
        latest.set(builder.snapshot(findings.sorted(), true, null, failureText()));
        published++;
    }

    /** Kept, not thrown, so the console still shows the run; the pipeline reports it when it closes. */
    @Override
    public Optional<Exception> failure() {
        return Optional.ofNullable(analysisFailure);
    }

    @Override
    public FailureTally.Summary tally() {
        return tally;
    }

    private String failureText() {
        RuntimeException f = analysisFailure;
        return f == null ? null : f.getMessage() == null ? f.getClass().getSimpleName() : f.getMessage();
    }

    /** The findings of the newest snapshot; all of them once the pipeline has closed. */
    @Override
    public List<Finding> findings() {
        return latest.get().findings();
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the pipeline's dispatcher thread
    private void publishIfWanted() {
        if (wanted && dirty) {
            wanted = false;
            dirty = false;
            latest.set(builder.snapshot(findings.sorted(), false, null, failureText()));
            published++;
        }
    }

    /**
     * The newest snapshot; also asks the dispatcher for the next one. Call once per display pulse.
     */
    public ModelSnapshot take() {
        wanted = true;
        return latest.get();
    }

    /** Events folded so far (any thread). */
    public long received() {
        return received;
    }

    /** Snapshots published so far (any thread). */
    public long published() {
        return published;
    }
}
