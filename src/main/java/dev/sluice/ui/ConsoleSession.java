package dev.sluice.ui;

import dev.sluice.detect.Finding;
import dev.sluice.detect.ResourceRef;
import dev.sluice.model.LiveModel;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.ReplayTransport;
import dev.sluice.model.TraceModel;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.scenario.Secrets;
import dev.sluice.trace.TraceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's one source of truth on the FX thread: where events come from (a live run or a
 * loaded trace), the replay cursor, and the {@link Frame} the ViewModels render. An
 * {@link AnimationTimer} takes at most one model snapshot per pulse; loading traces and starting
 * runs happen on the session's own executor, never on the FX thread.
 */
public final class ConsoleSession {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSession.class);

    private final ExecutorService background = Executors.newCachedThreadPool(daemon("sluice-console-"));
    private final ReplayTransport transport = new ReplayTransport();
    private final ObjectProperty<Frame> frame = new SimpleObjectProperty<>(Frame.EMPTY);
    private final ObjectProperty<List<ResourceRef>> selection = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<Palette> palette = new SimpleObjectProperty<>(Palette.LIGHT);
    private final StringProperty source = new SimpleStringProperty("no source: run a scenario or open a trace (Ctrl+O)");
    private final BooleanProperty playing = new SimpleBooleanProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty speed = new SimpleDoubleProperty(1);
    private final LongProperty traceBytes = new SimpleLongProperty(-1);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty message = new SimpleStringProperty("ready");
    private final ObjectProperty<BiConsumer<String, String>> onError = new SimpleObjectProperty<>((t, m) -> { });
    private final AnimationTimer pulse;
    private final FrameTimes frameTimes = new FrameTimes();
    private LiveModel live;
    private ScenarioRunner.Handle run;
    private Path currentTrace;
    private long lastPulse;

    public ConsoleSession() {
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                onPulse(now);
            }
        };
    }

    public void start() {
        pulse.start();
    }

    /** Stops the pulse, asks a running scenario to stop, and ends the background threads. */
    public void shutdown() {
        pulse.stop();
        if (run != null) {
            run.requestStop();
        }
        background.shutdownNow();
    }

    private void onPulse(long now) {
        long delta = lastPulse == 0 ? 0 : now - lastPulse;
        lastPulse = now;
        if (delta > 0) {
            frameTimes.add(delta);
        }
        if (live != null) {
            ModelSnapshot snapshot = live.take();
            if (snapshot != transport.model()) {
                transport.update(snapshot);
            }
        } else {
            transport.advance(Math.min(delta, 100_000_000L));
        }
        if (run != null && run.trace() != null) {
            traceBytes.set(run.trace().bytesWritten());
        }
        publish();
    }

    private void publish() {
        Frame current = frame.get();
        if (current.model() != transport.model() || current.cursorNanos() != transport.cursor()
                || current.live() != transport.live()) {
            frame.set(new Frame(transport.model(), transport.cursor(), transport.live()));
        }
        playing.set(transport.playing());
    }

    // ---- sources ----------------------------------------------------------------------------

    /** Loads {@code file} in the background; on failure {@link #onErrorProperty()} is told why. */
    public void openTrace(Path file) {
        FxThread.check("opening a trace");
        message.set("loading " + file.getFileName() + " …");
        progress.set(-1);
        background.execute(() -> {
            try {
                TraceModel.Loaded loaded = TraceModel.load(file);
                Platform.runLater(() -> showTrace(loaded));
            } catch (TraceException e) {
                LOG.warn("cannot open trace {}", file, e);
                Platform.runLater(() -> failed("Cannot open trace", e.getMessage()));
            } catch (RuntimeException | OutOfMemoryError e) {
                LOG.error("loading trace {} failed", file, e);
                Platform.runLater(() -> failed("Cannot open trace", file + ": " + e));
            }
        });
    }

    private void showTrace(TraceModel.Loaded loaded) {
        stopLive();
        ModelSnapshot model = loaded.snapshot();
        transport.load(model, false);
        source.set("replay: " + loaded.file().getFileName() + (model.run() == null ? "" : " (" + model.run().scenario()
                + ", run " + model.run().runId() + ")"));
        traceBytes.set(loaded.fileBytes());
        currentTrace = loaded.file();
        progress.set(0);
        String note = model.warning() == null ? "" : " — " + model.warning();
        message.set("loaded " + model.eventCount() + " events, " + model.findings().size() + " findings" + note);
        selection.set(List.of());
        publish();
    }

    /**
     * Starts {@code scenario} live with {@code overrides}, recording to {@code record} when not null.
     * Bad settings are reported like any other failure; the run never blocks the FX thread.
     */
    public void runScenario(Scenario scenario, Map<String, String> overrides, Path record) {
        FxThread.check("starting a run");
        stopLive();
        LiveModel model = new LiveModel();
        ScenarioRunner.Options options = ScenarioRunner.Options.defaults().withOverrides(overrides)
                .withExtraSinks(List.of(model)).withRecord(record)
                .withProgress((f, what) -> Platform.runLater(() -> progressed(f, what)));
        message.set("starting " + scenario.name() + " …");
        progress.set(-1);
        background.execute(() -> {
            ScenarioRunner.Handle handle;
            try {
                if (record != null) {
                    Files.createDirectories(record.toAbsolutePath().getParent());
                }
                handle = ScenarioRunner.start(scenario, options);
            } catch (IllegalArgumentException refused) {
                // a setting, the timeout or the recording path: one line for the user, nothing started
                String why = Secrets.redact(refused.getMessage());
                LOG.info("scenario {} not started: {}", scenario.name(), why);
                Platform.runLater(() -> failed("Cannot run " + scenario.name(), why));
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("scenario {} could not start", scenario.name(), e);
                Platform.runLater(() -> failed("Cannot run " + scenario.name(), Secrets.redact(ScenarioRunner.describe(e))));
                return;
            }
            Platform.runLater(() -> showLive(scenario, model, handle, record));
            try {
                RunResult result = handle.await();
                Platform.runLater(() -> runEnded(handle, result));
            } catch (InterruptedException e) {
                handle.requestStop();
                Thread.currentThread().interrupt();
            }
        });
    }

    private void showLive(Scenario scenario, LiveModel model, ScenarioRunner.Handle handle, Path record) {
        live = model;
        run = handle;
        running.set(true);
        transport.load(model.take(), true);
        source.set("live: " + scenario.name() + (record == null ? "" : " → recording " + record.getFileName()));
        traceBytes.set(record == null ? -1 : 0);
        currentTrace = record;
        message.set("running " + scenario.name());
        selection.set(List.of());
    }

    private void runEnded(ScenarioRunner.Handle handle, RunResult result) {
        if (run != handle) {
            return;
        }
        running.set(false);
        progress.set(0);
        String why = result.error() == null ? "" : ": " + Secrets.redact(ScenarioRunner.describe(result.error()));
        String failed = result.tally().text();
        String findings = result.analysisComplete() ? result.findings().size() + " findings"
                : "analysis failed, the findings are incomplete";
        message.set("run " + result.outcome() + why + " — " + result.events() + " events, "
                + (failed.isEmpty() ? "" : failed + ", ") + findings
                + (result.trace() == null ? "" : ", recorded " + result.trace()));
        if (result.error() != null) {
            onError.get().accept("Run " + result.outcome(), result.run().scenario() + why);
        }
    }

    /** The trace being replayed or recorded, or null. */
    public Path currentTrace() {
        return currentTrace;
    }

    /** Copies the current trace to {@code target} in the background. */
    public void copyTrace(Path target) {
        Path from = currentTrace;
        if (from == null) {
            failed("No trace to save", "replay a trace or run with recording on first");
            return;
        }
        background.execute(() -> {
            try {
                Files.copy(from, target, StandardCopyOption.REPLACE_EXISTING);
                Platform.runLater(() -> message.set("saved trace to " + target));
            } catch (IOException e) {
                LOG.warn("cannot copy {} to {}", from, target, e);
                Platform.runLater(() -> failed("Cannot save trace", target + ": " + e.getMessage()));
            }
        });
    }

    /** Asks the live run to wind down (it keeps its data on screen). */
    public void stopRun() {
        if (run != null) {
            run.requestStop();
            message.set("stopping " + run.pipeline().run().scenario() + " …");
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

    private void failed(String title, String text) {
        progress.set(0);
        message.set(title + ": " + text);
        onError.get().accept(title, text);
    }

    // ---- transport --------------------------------------------------------------------------

    public void togglePlay() {
        if (transport.playing()) {
            transport.pause();
        } else {
            transport.play();
        }
        publish();
    }

    public void stepEvent(int direction) {
        transport.stepEvent(direction);
        publish();
    }

    /** Seeks to the next or previous finding and selects its resources; returns it or null. */
    public Finding stepFinding(int direction) {
        Finding f = transport.stepFinding(direction);
        if (f != null) {
            selection.set(f.resources());
        }
        publish();
        return f;
    }

    public void seek(long nanos) {
        transport.seek(nanos);
        publish();
    }

    /** Seeks to a finding's start and selects what it is about. */
    public void focus(Finding finding) {
        selection.set(finding.resources());
        seek(finding.startNanos());
    }

    public void setSpeed(double value) {
        transport.setSpeed(value);
        speed.set(transport.speed());
    }

    // ---- properties (FX thread) ---------------------------------------------------------------

    public ObjectProperty<Frame> frameProperty() {
        return frame;
    }

    public ObjectProperty<List<ResourceRef>> selectionProperty() {
        return selection;
    }

    public ObjectProperty<Palette> paletteProperty() {
        return palette;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty speedProperty() {
        return speed;
    }

    public LongProperty traceBytesProperty() {
        return traceBytes;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public ObjectProperty<BiConsumer<String, String>> onErrorProperty() {
        return onError;
    }

    /** Pulse-to-pulse times of the display, for the status bar and the ui-ingest benchmark. */
    public FrameTimes frameTimes() {
        return frameTimes;
    }

    /** Events the live run folded so far, or -1 when not live (any thread may ask). */
    public long liveEvents() {
        LiveModel m = live;
        return m == null ? -1 : m.received();
    }

    /** Events dropped by the live pipeline so far (0 when not live). */
    public long liveDropped() {
        ScenarioRunner.Handle h = run;
        return h == null ? 0 : h.pipeline().dropped();
    }

    static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
