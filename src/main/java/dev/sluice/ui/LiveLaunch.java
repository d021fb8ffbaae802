package dev.sluice.ui;

import dev.sluice.pipeline.EventSink;
import dev.sluice.source.LiveSource;
import dev.sluice.source.SourceException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts any live source and waits for its end on a background thread, never on the UI thread;
 * each step is handed back to the UI thread.
 */
final class LiveLaunch {

    private static final Logger LOG = LoggerFactory.getLogger(LiveLaunch.class);

    /** What the session does at each step, on the UI thread. */
    interface Steps {
        void started(LiveSource.LiveRun run);

        void ended(LiveSource.LiveRun run, LiveSource.Ended ended);

        /** The source did not start; {@code why} is one line for the user. */
        void refused(String title, String why);
    }

    private LiveLaunch() {
    }

    static void launch(Background threads, Executor ui, LiveSource source, List<EventSink> sinks, Path record,
                       BiConsumer<Double, String> progress, Steps steps) {
        threads.execute(() -> {
            LiveSource.LiveRun run;
            try {
                run = source.start(sinks, record, progress);
            } catch (SourceException refused) {
                LOG.info("{} not started: {}", source.name(), refused.getMessage(), LOG.isDebugEnabled() ? refused : null);
                ui.execute(() -> steps.refused("Cannot run " + source.name(), refused.getMessage()));
                return;
            }
            ui.execute(() -> steps.started(run));
            try {
                LiveSource.Ended ended = run.await();
                ui.execute(() -> steps.ended(run, ended));
            } catch (InterruptedException e) {
                // the console is closing: stop the source rather than leave it going
                run.requestStop();
                Thread.currentThread().interrupt();
            }
        });
    }
}
