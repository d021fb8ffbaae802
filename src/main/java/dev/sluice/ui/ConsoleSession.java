package dev.sluice.ui;

import dev.sluice.detect.Finding;
import dev.sluice.detect.ResourceRef;
import dev.sluice.model.LiveModel;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.TraceModel;
import dev.sluice.source.LiveSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The console's one source of truth on the FX thread: where events come from (a live run or a
 * loaded trace), the replay cursor, and the {@link Frame} the ViewModels render. It is every
 * ViewModel's port. Building one starts nothing; {@link #start()} starts the pulse (an
 * {@link AnimationTimer} that takes at most one model snapshot per pulse) and the background
 * threads: one concern loads traces and starts runs, another writes files, never on the FX thread.
 */
public final class ConsoleSession implements TransportPort, StatusPort, ShellPort {

    /** Hands results back to the UI thread. */
    private final Executor ui;
    private final Consumer<String> confinement;
    private final Playback playback = new Playback();
    private final ObjectProperty<List<ResourceRef>> selection = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<Palette> palette = new SimpleObjectProperty<>(Palette.LIGHT);
    private final StringProperty source = new SimpleStringProperty("no source: run a scenario or open a trace (Ctrl+O)");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final LongProperty traceBytes = new SimpleLongProperty(-1);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<BiConsumer<String, String>> onError = new SimpleObjectProperty<>((t, m) -> { });
    private AnimationTimer pulse;
    private Background sources;
    private Background files;
    private final FileWrites writes;
    // written on the FX thread, read on any (liveEvents, liveDropped: the ui-ingest benchmark)
    private volatile LiveModel live;
    private volatile LiveSource.LiveRun run;
    private String runName;
    private Path currentTrace;

    /** Results come back with {@link Platform#runLater}. */
    public ConsoleSession() {
        this(Platform::runLater, FxThread::check);
    }

    /**
     * A session whose results come back through {@code ui} and whose state is confined by
     * {@code confinement} (it throws off the owning thread): a test builds one without a toolkit.
     */
    ConsoleSession(Executor ui, Consumer<String> confinement) {
        this.ui = ui;
        this.confinement = confinement;
        this.writes = new FileWrites(ui, message::set, this::failed);
    }

    /** Starts the background threads and the pulse; FX thread only. */
    public void start() {
        startBackground();
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                onPulse(now);
            }
        };
        pulse.start();
    }

    /** Starts the background threads (the pulse is the toolkit's; a test drives {@link #onPulse}). */
    void startBackground() {
        confine("starting the session");
        if (sources != null) {
            throw new IllegalStateException("the session has started already");
        }
        sources = Background.pool("sluice-sources-");
        files = Background.serial("sluice-files-");
    }

    /** Stops the pulse, asks a running scenario to stop, and ends the background threads. */
    public void stop() {
        if (pulse != null) {
            pulse.stop();
        }
        LiveSource.LiveRun h = run;
        if (h != null) {
            h.requestStop();
        }
        if (sources != null) {
            sources.shutdown();
            files.shutdown();
        }
    }

    private static Background started(Background threads) {
        if (threads == null) {
            throw new IllegalStateException("the session has not started");
        }
        return threads;
    }

    /** One display pulse at {@code now} (nanos). */
    void onPulse(long now) {
        LiveModel model = live;
        playback.pulse(now, model == null ? null : model.take());
        LiveSource.LiveRun h = run;
        if (h != null && h.recordedBytes() >= 0) {
            traceBytes.set(h.recordedBytes());
        }
    }

    /**
     * Loads {@code file} (any recorded source: a trace, a capture, a Delta log) in the background; on
     * failure {@link #onErrorProperty()} is told why.
     */
    @Override
    public void openTrace(Path file) {
        openTraces(List.of(file));
    }

    /** Several files (one per process) are merged on one clock first, as `sluice check A B` merges them. */
    @Override
    public void openTraces(List<Path> files) {
        confine("opening a trace");
        message.set("loading " + TraceLoad.names(files) + " …");
        progress.set(-1);
        TraceLoad.load(started(sources), ui, files, this::showTrace, this::failed);
    }

    private void showTrace(TraceModel.Loaded loaded) {
        stopLive();
        ModelSnapshot model = loaded.snapshot();
        playback.load(model, false);
        source.set(loaded.kind().word() + ": " + loaded.file().getFileName() + (model.run() == null ? "" : " (" + model.run().scenario()
                + ", run " + model.run().runId() + ")"));
        traceBytes.set(loaded.fileBytes());
        currentTrace = loaded.file();
        progress.set(0);
        String aligned = model.run() == null ? null : model.run().settings().get("merge.alignment"); // several files
        String note = (aligned == null ? "" : " — " + aligned) + (model.warning() == null ? "" : " — " + model.warning());
        message.set("loaded " + model.eventCount() + " events, " + model.findings().size() + " findings" + note);
        selection.set(List.of());
    }

    /**
     * Starts any live source (a scenario run, an agent), recording to {@code record} when not null.
     * A refusal is reported like any other failure; nothing blocks the FX thread.
     */
    @Override
    public void startLive(LiveSource liveSource, Path record) {
        confine("starting a run");
        Background threads = started(sources);
        stopLive();
        LiveModel model = new LiveModel();
        message.set("starting " + liveSource.name() + " …");
        progress.set(-1);
        LiveLaunch.launch(threads, ui, liveSource, List.of(model), record,
                (f, what) -> ui.execute(() -> progressed(f, what)), new LiveLaunch.Steps() {
            @Override
            public void started(LiveSource.LiveRun started) {
                showLive(liveSource, model, started, record);
            }

            @Override
            public void ended(LiveSource.LiveRun ended, LiveSource.Ended how) {
                runEnded(ended, how);
            }

            @Override
            public void refused(String title, String why) {
                failed(title, why);
            }
        });
    }

    private void showLive(LiveSource liveSource, LiveModel model, LiveSource.LiveRun started, Path record) {
        live = model;
        run = started;
        runName = liveSource.name();
        running.set(true);
        playback.load(model.take(), true);
        source.set(liveSource.kind().word() + ": " + liveSource.name()
                + (record == null ? "" : " → recording " + record.getFileName()));
        traceBytes.set(record == null ? -1 : 0);
        currentTrace = record;
        message.set("running " + liveSource.name());
        selection.set(List.of());
    }

    private void runEnded(LiveSource.LiveRun ended, LiveSource.Ended how) {
        if (run != ended) {
            return;
        }
        running.set(false);
        progress.set(0);
        message.set(how.summary());
        if (how.failure() != null) {
            onError.get().accept("Run failed", how.failure());
        }
    }

    @Override
    public Path currentTrace() {
        return currentTrace;
    }

    @Override
    public void copyTrace(Path target) {
        Path from = currentTrace;
        if (from == null) {
            failed("No trace to save", "replay a trace or run with recording on first");
            return;
        }
        write(target, "trace", to -> Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING));
    }

    @Override
    public void write(Path target, String what, FileJob job) {
        confine("writing " + what);
        writes.write(started(files), target, what, job);
    }

    @Override
    public void remember(Path target, String what, FileJob job) {
        writes.write(started(files), target, what, job, true);
    }

    /** Asks the live run to wind down (it keeps its data on screen). */
    @Override
    public void stopRun() {
        if (run != null) {
            run.requestStop();
            message.set("stopping " + runName + " …");
        }
    }

    private void stopLive() {
        if (run != null && !run.isDone()) {
            run.requestStop();
        }
        live = null;
        run = null;
        running.set(false);
    }

    private void progressed(double fraction, String what) {
        progress.set(fraction);
        message.set(what);
    }

    @Override
    public <T> void offUi(Supplier<T> work, Consumer<T> done, Runnable failedWork) {
        started(sources).compute(ui, work, done, e -> {
            failedWork.run();
            failed("A view could not prepare what it shows", String.valueOf(e.getMessage()));
        });
    }

    private void failed(String title, String text) {
        progress.set(0);
        message.set(title + ": " + text);
        onError.get().accept(title, text);
    }

    @Override
    public void togglePlay() {
        playback.togglePlay();
    }

    @Override
    public void stepEvent(int direction) {
        playback.stepEvent(direction);
    }

    @Override
    public Finding stepFinding(int direction) {
        Finding f = playback.stepFinding(direction);
        if (f != null) {
            selection.set(f.resources());
        }
        return f;
    }

    @Override
    public void seek(long nanos) {
        playback.seek(nanos);
    }

    @Override
    public void select(List<ResourceRef> resources) {
        selection.set(List.copyOf(resources));
    }

    @Override
    public void setSpeed(double value) {
        playback.setSpeed(value);
    }

    @Override
    public void confine(String what) {
        confinement.accept(what);
    }

    @Override
    public void report(String text) {
        message.set(text);
    }

    @Override
    public void setPalette(Palette value) {
        palette.set(value);
    }

    @Override
    public long framePercentile(double p) {
        return playback.framePercentile(p);
    }

    // ---- properties (FX thread) ---------------------------------------------------------------

    @Override
    public ObjectProperty<Frame> frameProperty() {
        return playback.frameProperty();
    }

    @Override
    public ObjectProperty<List<ResourceRef>> selectionProperty() {
        return selection;
    }

    @Override
    public ObjectProperty<Palette> paletteProperty() {
        return palette;
    }

    @Override
    public StringProperty sourceProperty() {
        return source;
    }

    @Override
    public BooleanProperty playingProperty() {
        return playback.playingProperty();
    }

    @Override
    public BooleanProperty runningProperty() {
        return running;
    }

    @Override
    public LongProperty traceBytesProperty() {
        return traceBytes;
    }

    @Override
    public DoubleProperty progressProperty() {
        return progress;
    }

    @Override
    public StringProperty messageProperty() {
        return message;
    }

    public ObjectProperty<BiConsumer<String, String>> onErrorProperty() {
        return onError;
    }

    @Override
    public long liveEvents() {
        LiveModel m = live;
        return m == null ? -1 : m.received();
    }

    @Override
    public long liveDropped() {
        LiveSource.LiveRun h = run; // read once: the field is volatile and may change
        return h == null ? 0 : h.dropped();
    }
}
