package dev.sluice.ui;

import dev.sluice.model.TraceModel;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.source.MergedSource;
import dev.sluice.source.SourceException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads recorded sources for replay on a background thread, never on the UI thread: one file as it is,
 * several (one per process) merged on one clock first ({@link MergedSource}, as {@code sluice check A B} does).
 * The result or the one-line failure is handed back to the UI thread.
 */
final class TraceLoad {

    private static final Logger LOG = LoggerFactory.getLogger(TraceLoad.class);

    private TraceLoad() {
    }

    /** The files' names joined with " + " (what is being loaded). */
    static String names(List<Path> files) {
        return files.stream().map(f -> String.valueOf(f.getFileName())).collect(Collectors.joining(" + "));
    }

    static void load(Background threads, Executor ui, List<Path> files, Consumer<TraceModel.Loaded> shown,
                     BiConsumer<String, String> failed) {
        String what = names(files);
        threads.execute(() -> {
            try {
                Path file = files.size() == 1 ? files.get(0) : MergedSource.mergeToTemporary(files);
                TraceModel.Loaded loaded = TraceModel.load(file);
                ui.execute(() -> shown.accept(loaded));
            } catch (SourceException e) {
                LOG.warn("cannot open {}: {}", files, e.getMessage(), LOG.isDebugEnabled() ? e : null); // cause at debug
                ui.execute(() -> failed.accept("Cannot open " + what, e.getMessage()));
            } catch (RuntimeException | OutOfMemoryError e) {
                LOG.error("loading trace {} failed", files, e);
                ui.execute(() -> failed.accept("Cannot open trace", what + ": " + ScenarioRunner.describe(e)));
            }
        });
    }
}
