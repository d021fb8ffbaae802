package dev.sluice.ui;

import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.scenario.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a scenario run and waits for its end on a background thread, never on the UI thread;
 * each step is handed back to the UI thread.
 */
final class LiveLaunch {

    private static final Logger LOG = LoggerFactory.getLogger(LiveLaunch.class);

    /** What the session does at each step, on the UI thread. */
    interface Steps {
        void started(ScenarioRunner.Handle handle);

        void ended(ScenarioRunner.Handle handle, RunResult result);

        /** The run did not start; {@code why} is one line for the user. */
        void refused(String title, String why);
    }

    private LiveLaunch() {
    }

    static void launch(Background threads, Executor ui, Scenario scenario, ScenarioRunner.Options options, Path record,
                       Steps steps) {
        threads.execute(() -> {
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
                ui.execute(() -> steps.refused("Cannot run " + scenario.name(), why));
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("scenario {} could not start", scenario.name(), e);
                ui.execute(() -> steps.refused("Cannot run " + scenario.name(), Secrets.redact(ScenarioRunner.describe(e))));
                return;
            }
            ui.execute(() -> steps.started(handle));
            try {
                RunResult result = handle.await();
                ui.execute(() -> steps.ended(handle, result));
            } catch (InterruptedException e) {
                // the console is closing: stop the run rather than leave it going
                handle.requestStop();
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Why the run failed ({@code ": reason"}), empty when it did not. */
    static String why(RunResult result) {
        return result.error() == null ? "" : ": " + Secrets.redact(ScenarioRunner.describe(result.error()));
    }

    /** The status line of an ended run: outcome, events, what failed, findings, the recording. */
    static String summary(RunResult result) {
        String failed = result.tally().text();
        String findings = result.analysisComplete() ? result.findings().size() + " findings"
                : "analysis failed, the findings are incomplete";
        return "run " + result.outcome().id() + why(result) + " — " + result.events() + " events, "
                + (failed.isEmpty() ? "" : failed + ", ") + findings
                + (result.trace() == null ? "" : ", recorded " + result.trace());
    }
}
