package dev.sluice.scenario;

import dev.sluice.pipeline.EventSink;
import dev.sluice.source.LiveSource;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/** A run of the embedded engines as a live source: the scenario and its options. */
public final class ScenarioSource implements LiveSource {

    private final Scenario scenario;
    private final ScenarioRunner.Options options;

    public ScenarioSource(Scenario scenario, ScenarioRunner.Options options) {
        this.scenario = scenario;
        this.options = options;
    }

    public Scenario scenario() {
        return scenario;
    }

    public ScenarioRunner.Options options() {
        return options;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.SCENARIO;
    }

    @Override
    public String name() {
        return scenario.name();
    }

    @Override
    public LiveRun start(List<EventSink> sinks, Path record, BiConsumer<Double, String> progress)
            throws SourceException {
        ScenarioRunner.Handle handle;
        try {
            if (record != null && record.toAbsolutePath().getParent() != null) {
                Files.createDirectories(record.toAbsolutePath().getParent());
            }
            handle = ScenarioRunner.start(scenario, options.withExtraSinks(sinks).withRecord(record).withProgress(progress));
        } catch (IllegalArgumentException refused) {
            // a setting, the timeout or the recording path: one line, nothing started
            throw new SourceException(scenario.name(), Secrets.redact(refused.getMessage()), refused);
        } catch (IOException | RuntimeException e) {
            throw new SourceException(scenario.name(), "could not start: " + Secrets.redact(ScenarioRunner.describe(e)), e);
        }
        return new Run(handle);
    }

    /** Why the run failed ({@code ": reason"}), empty when it did not. */
    public static String why(RunResult result) {
        return result.error() == null ? "" : ": " + Secrets.redact(ScenarioRunner.describe(result.error()));
    }

    /** The status line of an ended run: outcome, events, what failed, findings, the recording. */
    public static String summary(RunResult result) {
        String failed = result.tally().text();
        String findings = result.analysisComplete() ? result.findings().size() + " findings"
                : "analysis failed, the findings are incomplete";
        return "run " + result.outcome().id() + why(result) + " — " + result.events() + " events, "
                + (failed.isEmpty() ? "" : failed + ", ") + findings
                + (result.trace() == null ? "" : ", recorded " + result.trace());
    }

    private static final class Run implements LiveRun {
        private final ScenarioRunner.Handle handle;

        Run(ScenarioRunner.Handle handle) {
            this.handle = handle;
        }

        @Override
        public void requestStop() {
            handle.requestStop();
        }

        @Override
        public boolean isDone() {
            return handle.isDone();
        }

        @Override
        public Ended await() throws InterruptedException {
            RunResult result = handle.await();
            String failure = result.error() == null ? null : result.run().scenario() + why(result);
            return new Ended(summary(result), failure, result.trace());
        }

        @Override
        public long recordedBytes() {
            return handle.trace() == null ? -1 : handle.trace().bytesWritten();
        }

        @Override
        public long dropped() {
            return handle.pipeline().dropped();
        }
    }
}
