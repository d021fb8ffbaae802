package dev.sluice.scenario;

import dev.sluice.event.Emitter;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/** What a running scenario gets: where to emit, its settings, a place for files, a stop signal. */
public final class ScenarioContext {

    private final Emitter emitter;
    private final Settings settings;
    private final Path dataDir;
    private final BiConsumer<Double, String> progress;
    private volatile boolean stopRequested;

    public ScenarioContext(Emitter emitter, Settings settings, Path dataDir, BiConsumer<Double, String> progress) {
        this.emitter = emitter;
        this.settings = settings;
        this.dataDir = dataDir;
        this.progress = progress;
    }

    public Emitter emitter() {
        return emitter;
    }

    public Settings settings() {
        return settings;
    }

    /** A directory the scenario may use for its files (tables, S3 buckets); it survives the run. */
    public Path dataDir() {
        return dataDir;
    }

    /** Reports progress in [0, 1] with a short phrase; for status bars, never for events. */
    public void progress(double fraction, String what) {
        progress.accept(fraction, what);
    }

    /** Asks the scenario to wind down (user pressed stop, or the run deadline passed). */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }
}
