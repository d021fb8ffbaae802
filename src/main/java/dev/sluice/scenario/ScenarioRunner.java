package dev.sluice.scenario;

import dev.sluice.detect.FindingSource;
import dev.sluice.event.AppEvent;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.trace.TraceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario live: resolves its settings, builds the pipeline (trace writer, detectors,
 * any extra sinks such as the console's model), runs the scenario on its own thread under a
 * deadline, and reports how it went. A scenario that throws is reported as a
 * {@link AppEvent.ScenarioFailed} event, so the failure is in the trace and the findings too.
 */
public final class ScenarioRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

    /** How to run. {@code record} may be null (no trace). */
    public record Options(Map<String, String> overrides, Path record, Path dataDir, int capacity, Duration timeout,
                          List<EventSink> extraSinks, BiConsumer<Double, String> progress) {

        public static Options defaults() {
            return new Options(Map.of(), null, DataDirs.userDataDir(), Pipeline.DEFAULT_CAPACITY,
                    Duration.ofMinutes(10), List.of(), (f, w) -> { });
        }

        public Options withOverrides(Map<String, String> o) {
            return new Options(o, record, dataDir, capacity, timeout, extraSinks, progress);
        }

        public Options withRecord(Path r) {
            return new Options(overrides, r, dataDir, capacity, timeout, extraSinks, progress);
        }

        public Options withDataDir(Path d) {
            return new Options(overrides, record, d, capacity, timeout, extraSinks, progress);
        }

        public Options withExtraSinks(List<EventSink> sinks) {
            return new Options(overrides, record, dataDir, capacity, timeout, sinks, progress);
        }

        public Options withProgress(BiConsumer<Double, String> p) {
            return new Options(overrides, record, dataDir, capacity, timeout, extraSinks, p);
        }

        public Options withTimeout(Duration t) {
            return new Options(overrides, record, dataDir, capacity, t, extraSinks, progress);
        }
    }

    /** A run that has started: stop it early, or wait for its result. */
    public static final class Handle {
        private final Thread thread;
        private final ScenarioContext context;
        private final AtomicReference<RunResult> result;
        private final TraceWriter trace;
        private final Pipeline pipeline;

        private Handle(Thread thread, ScenarioContext context, AtomicReference<RunResult> result, TraceWriter trace,
                       Pipeline pipeline) {
            this.thread = thread;
            this.context = context;
            this.result = result;
            this.trace = trace;
            this.pipeline = pipeline;
        }

        public void requestStop() {
            context.requestStop();
        }

        public RunResult await() throws InterruptedException {
            thread.join();
            return result.get();
        }

        public boolean isDone() {
            return !thread.isAlive();
        }

        public Pipeline pipeline() {
            return pipeline;
        }

        /** The trace being recorded, or null. */
        public TraceWriter trace() {
            return trace;
        }
    }

    private ScenarioRunner() {
    }

    /** Runs to the end on the calling thread. */
    public static RunResult run(Scenario scenario, Options options) throws InterruptedException {
        return start(scenario, options).await();
    }

    /**
     * Starts a run in the background. Settings are checked first: a bad setting throws
     * {@link IllegalArgumentException} here and nothing starts.
     */
    public static Handle start(Scenario scenario, Options options) {
        Settings settings = Settings.resolve(scenario.settings(), options.overrides());
        RunInfo run = new RunInfo(UUID.randomUUID().toString().substring(0, 8), scenario.name(), settings.redacted(),
                Instant.now(), RunInfo.currentVersion());
        List<EventSink> sinks = new ArrayList<>();
        TraceWriter trace = null;
        if (options.record() != null) {
            trace = new TraceWriter(options.record());
            sinks.add(trace);
        }
        sinks.addAll(options.extraSinks());
        // the detectors run once: in an extra sink that already runs them (the console's live
        // model), else in a sink of our own
        FindingSource findings = options.extraSinks().stream().filter(FindingSource.class::isInstance)
                .map(FindingSource.class::cast).findFirst().orElse(null);
        if (findings == null) {
            FindingsSink own = new FindingsSink();
            sinks.add(own);
            findings = own;
        }
        FindingSource runFindings = findings;
        Pipeline pipeline = Pipeline.live(run, options.capacity(), sinks);
        ScenarioContext context = new ScenarioContext(pipeline, settings,
                options.dataDir().resolve(scenario.engine().id()), options.progress());
        AtomicReference<RunResult> result = new AtomicReference<>();
        TraceWriter recording = trace;
        Thread thread = new Thread(() -> result.set(execute(scenario, options, run, pipeline, context, runFindings, recording)),
                "sluice-run-" + scenario.name());
        thread.setDaemon(true);
        thread.start();
        return new Handle(thread, context, result, trace, pipeline);
    }

    private static RunResult execute(Scenario scenario, Options options, RunInfo run, Pipeline pipeline,
                                     ScenarioContext context, FindingSource findings, TraceWriter trace) {
        pipeline.emit(new AppEvent.RunStarted(scenario.name(), run.sluiceVersion()));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                Files.createDirectories(context.dataDir());
                scenario.run(context);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "sluice-scenario-" + scenario.name());
        worker.setDaemon(true);
        worker.start();
        String outcome = "completed";
        try {
            worker.join(options.timeout().toMillis());
            if (worker.isAlive()) {
                context.requestStop();
                worker.join(10_000);
                outcome = "stopped";
                if (worker.isAlive()) {
                    failure.compareAndSet(null, new ScenarioException("run", "did not stop within "
                            + options.timeout().toSeconds() + " s + 10 s grace"));
                }
            }
        } catch (InterruptedException e) {
            context.requestStop();
            Thread.currentThread().interrupt();
            outcome = "stopped";
        }
        Throwable error = failure.get();
        if (error != null) {
            outcome = "failed";
            String stage = error instanceof ScenarioException se ? se.stage() : "run";
            LOG.warn("scenario {} failed during {}", scenario.name(), stage, error);
            pipeline.emit(new AppEvent.ScenarioFailed(scenario.name(), stage, error.getClass().getName(),
                    String.valueOf(error.getMessage())));
        } else if (context.stopRequested() && "completed".equals(outcome)) {
            outcome = "stopped";
        }
        pipeline.emit(new AppEvent.RunEnded(scenario.name(), outcome));
        try {
            pipeline.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new RunResult(run, outcome, error, findings.findings(), pipeline.dispatched(), pipeline.droppedByKind(),
                trace == null ? null : trace.file(), pipeline.sinkFailures(), findings.tally());
    }
}
