package dev.sluice.ui;

import dev.sluice.detect.Finding;
import dev.sluice.detect.ResourceRef;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioSource;
import dev.sluice.source.LiveSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * Every port in memory, for ViewModel tests without a JavaFX toolkit: the cursor is the session's
 * own {@link Playback}, writes run at once on the calling thread, the clock is set by the test,
 * and UI state is confined to the thread that built the port.
 */
public final class TestPort implements TransportPort, StatusPort, ShellPort {

    /** A run the shell asked for. */
    public record RunRequest(Scenario scenario, Map<String, String> overrides, Path record, String profile) { }

    private final Thread owner = Thread.currentThread();
    private final Playback playback = new Playback();
    private final ObjectProperty<List<ResourceRef>> selection = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<Palette> palette = new SimpleObjectProperty<>(Palette.LIGHT);
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty source = new SimpleStringProperty("no source");
    private final StringProperty message = new SimpleStringProperty("ready");
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final LongProperty traceBytes = new SimpleLongProperty(-1);
    public final List<RunRequest> runs = new ArrayList<>();
    /** Live sources started that are not scenario runs (an attached agent). */
    public final List<LiveSource> others = new ArrayList<>();
    public final List<Path> opened = new ArrayList<>();
    /** Files opened together as one run (Open with several picked, or dropped at once). */
    public final List<List<Path>> openedTogether = new ArrayList<>();
    public final List<String> failures = new ArrayList<>();
    public long clock = 1_000_000_000L;
    public long liveEvents = -1;
    public long liveDropped;
    public double speed = 1;
    public Path currentTrace;
    /** When set, work handed off the UI thread waits in {@link #runOffUi()} (else it runs at once). */
    public boolean deferOffUi;
    private final List<Runnable> offUiWork = new ArrayList<>();

    /** Shows {@code model} at its start, as a loaded trace (or a live run). */
    public TestPort show(ModelSnapshot model, boolean live) {
        playback.load(model, live);
        return this;
    }

    public long cursor() {
        return playback.frameProperty().get().cursorNanos();
    }

    @Override
    public void confine(String what) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(what + " must run on " + owner.getName());
        }
    }

    @Override
    public void report(String text) {
        message.set(text);
    }

    @Override
    public void remember(Path target, String what, FileJob job) {
        write(target, what, job);
    }

    @Override
    public void write(Path target, String what, FileJob job) {
        try {
            job.writeTo(target);
            report("saved " + what + " to " + target);
        } catch (IOException e) {
            failures.add(what + ": " + e.getMessage());
        }
    }

    @Override
    public <T> void offUi(Supplier<T> work, Consumer<T> done, Runnable failed) {
        Runnable job = () -> FramePort.runHere(work, done, failed);
        if (deferOffUi) {
            offUiWork.add(job);
        } else {
            job.run();
        }
    }

    /** How many pieces of work handed off the UI thread wait. */
    public int offUiWaiting() {
        return offUiWork.size();
    }

    /** Runs the work handed off the UI thread so far, as if its threads finished it now. */
    public void runOffUi() {
        List<Runnable> jobs = List.copyOf(offUiWork);
        offUiWork.clear();
        jobs.forEach(Runnable::run);
    }

    @Override
    public long nanoTime() {
        return clock;
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
            select(f.resources());
        }
        return f;
    }

    @Override
    public void setSpeed(double factor) {
        speed = factor;
        playback.setSpeed(factor);
    }

    @Override
    public void startLive(LiveSource source, Path record) {
        if (!(source instanceof ScenarioSource run)) {
            others.add(source); // an attached agent
            return;
        }
        runs.add(new RunRequest(run.scenario(), Map.copyOf(run.options().overrides()), record, run.options().profile()));
    }

    @Override
    public void stopRun() {
        running.set(false);
    }

    @Override
    public void openTrace(Path file) {
        opened.add(file);
    }

    @Override
    public void openTraces(List<Path> files) {
        openedTogether.add(List.copyOf(files));
    }

    @Override
    public void copyTrace(Path target) {
        write(target, "trace", t -> { });
    }

    @Override
    public Path currentTrace() {
        return currentTrace;
    }

    @Override
    public void setPalette(Palette value) {
        palette.set(value);
    }

    @Override
    public long liveEvents() {
        return liveEvents;
    }

    @Override
    public long liveDropped() {
        return liveDropped;
    }

    @Override
    public long framePercentile(double p) {
        return 16_700_000L;
    }

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
    public BooleanProperty playingProperty() {
        return playback.playingProperty();
    }

    @Override
    public BooleanProperty runningProperty() {
        return running;
    }

    @Override
    public StringProperty sourceProperty() {
        return source;
    }

    @Override
    public StringProperty messageProperty() {
        return message;
    }

    @Override
    public DoubleProperty progressProperty() {
        return progress;
    }

    @Override
    public LongProperty traceBytesProperty() {
        return traceBytes;
    }
}
