package dev.sluice.model;

import dev.sluice.detect.Finding;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Engine;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.RunInfo;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Folds events into the console's state: the run's own marks and counts here, each engine's slice
 * in its {@link EngineModel}. Single-threaded (the pipeline's dispatcher, or the replay
 * loader): a {@link ThreadGuard} fails any call from a second thread. {@link #snapshot} freezes the
 * state so far; the append-only parts are shared with the snapshot, not copied.
 */
public final class ModelBuilder {

    private final ThreadGuard guard = new ThreadGuard("the model builder");
    private final TimeIndex times = new TimeIndex();
    private final ActivityHistogram activity = new ActivityHistogram();
    private final List<EngineModel> engines = EngineModel.MODULES.stream().map(Supplier::get).toList();
    // each event goes to its own engine's slice only: one look-up instead of a family type check per slice
    private final Map<Engine, EngineModel> byEngine = new EnumMap<>(Engine.class);
    private final AppendLog<Mark> marks = new AppendLog<>();
    private RunInfo run;
    private long dropped;

    public ModelBuilder() {
        for (EngineModel m : engines) {
            if (byEngine.putIfAbsent(m.engine(), m) != null) {
                throw new IllegalStateException("two model slices for engine " + m.engine().id() + " in EngineModel.MODULES");
            }
        }
    }

    public void open(RunInfo info) {
        guard.check();
        this.run = info;
    }

    public void fold(Event e) {
        guard.check();
        long t = e.timeNanos();
        Engine engine = e.engine();
        times.add(t);
        activity.add(engine, t);
        if (engine == Engine.APP) {
            foldApp(e, e.body());
        }
        EngineModel slice = byEngine.get(engine);
        if (slice != null) {
            slice.fold(e, marks);
        }
    }

    /** Freezes the state so far together with {@code findings} (already ordered). */
    public ModelSnapshot snapshot(List<Finding> findings, boolean complete, String warning) {
        return snapshot(findings, complete, warning, null);
    }

    /** {@link #snapshot(List, boolean, String)} of a stream whose analysis failed ({@code analysisFailure} not null). */
    public ModelSnapshot snapshot(List<Finding> findings, boolean complete, String warning, String analysisFailure) {
        guard.check();
        List<EnginePart> parts = new ArrayList<>(engines.size());
        for (EngineModel engine : engines) {
            parts.add(engine.freeze());
        }
        return new ModelSnapshot(run, complete, warning, dropped, new ModelSnapshot.Times(times.freeze()),
                activity.freeze(), marks.freeze(), List.copyOf(findings), analysisFailure, parts);
    }

    public int eventCount() {
        return times.size();
    }

    private void foldApp(Event e, EventBody body) {
        long t = e.timeNanos();
        if (body instanceof AppEvent.RunStarted r) {
            marks.add(new Mark(t, Engine.APP, Mark.Kind.RUN, r.scenario(), "run of " + r.scenario() + " started"));
        } else if (body instanceof AppEvent.RunEnded r) {
            marks.add(new Mark(t, Engine.APP, Mark.Kind.RUN, r.scenario(), "run " + r.outcome().id()));
        } else if (body instanceof AppEvent.Note n) {
            marks.add(new Mark(t, Engine.APP, Mark.Kind.NOTE, "", n.text()));
        } else if (body instanceof AppEvent.ScenarioFailed f) {
            marks.add(new Mark(t, Engine.APP, Mark.Kind.FAILED, f.scenario(),
                    f.scenario() + " failed during " + f.stage() + ": " + f.message()));
        } else if (body instanceof AppEvent.EventsDropped d) {
            dropped += d.count();
        }
    }
}
