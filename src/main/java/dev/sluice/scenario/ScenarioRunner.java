package dev.sluice.scenario;

import dev.sluice.detect.FindingSource;
import dev.sluice.event.AppEvent;
import dev.sluice.event.AppEvent.RunOutcome;
import dev.sluice.event.Emitter;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.trace.TraceCompression;
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

    /** The note that names a run's connection profile, then the name: how a trace says which profile it ran with. */
    public static final String PROFILE_NOTE = "connection profile: ";

    /** How to run. {@code record} may be null (no trace). */
    public record Options(Map<String, String> overrides, Path record, Path dataDir, int capacity, Duration timeout,
                          List<EventSink> extraSinks, BiConsumer<Double, String> progress, String profile,
                          TraceCompression compression) {

        public static Options defaults() {
            return new Options(Map.of(), null, DataDirs.userDataDir(), Pipeline.DEFAULT_CAPACITY,
                    Duration.ofMinutes(10), List.of(), (f, w) -> { }, null, TraceCompression.NONE);
        }

        /** The connection profile the overrides came from (its name is recorded, never its values' secrets). */
        public Options withProfile(String name) {
            return new Options(overrides, record, dataDir, capacity, timeout, extraSinks, progress, name, compression);
        }

        public Options withOverrides(Map<String, String> o) {
            return new Options(o, record, dataDir, capacity, timeout, extraSinks, progress, profile, compression);
        }

        public Options withRecord(Path r) {
            return new Options(overrides, r, dataDir, capacity, timeout, extraSinks, progress, profile, compression);
        }

        public Options withDataDir(Path d) {
            return new Options(overrides, record, d, capacity, timeout, extraSinks, progress, profile, compression);
        }

        public Options withExtraSinks(List<EventSink> sinks) {
            return new Options(overrides, record, dataDir, capacity, timeout, sinks, progress, profile, compression);
        }

        public Options withProgress(BiConsumer<Double, String> p) {
            return new Options(overrides, record, dataDir, capacity, timeout, extraSinks, p, profile, compression);
        }

        /** How the trace is compressed (with {@link #withRecord}). */
        public Options withCompression(TraceCompression c) {
            return new Options(overrides, record, dataDir, capacity, timeout, extraSinks, progress, profile, c);
        }

        public Options withTimeout(Duration t) {
            return new Options(overrides, record, dataDir, capacity, t, extraSinks, progress, profile, compression);
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
     * Checks everything a run needs before anything starts: every setting's value and how they
     * combine ({@link Scenario#check}), the timeout, and that the recording can be created.
     * Throws {@link IllegalArgumentException} (an {@link InvalidSettingException} for a setting)
     * with one line naming what is wrong and what is accepted.
     */
    public static Settings validate(Scenario scenario, Options options) {
        Settings settings = Settings.resolve(scenario.settings(), options.overrides());
        scenario.check(settings);
        if (options.timeout() == null || options.timeout().isNegative() || options.timeout().isZero()) {
            throw new IllegalArgumentException("the run timeout must be positive, got " + options.timeout());
        }
        if (options.record() != null) {
            checkRecordable(options.record());
        }
        return settings;
    }

    /** The trace file can be created: its directory exists and is writable, and it is not a directory itself. */
    static void checkRecordable(Path record) {
        Path file = record.toAbsolutePath().normalize();
        Path dir = file.getParent();
        String what = "cannot record to " + record + ": ";
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(what + "it is a directory; give a file name such as "
                    + file.resolve("run.sluice"));
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(what + "the directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new IllegalArgumentException(what + (Files.exists(file) ? "the file" : "the directory " + dir)
                    + " is not writable");
        }
    }

    /**
     * Starts a run in the background. Everything is {@linkplain #validate checked} first: a bad
     * setting, timeout or recording path throws {@link IllegalArgumentException} here and nothing
     * starts — no server, no thread, no trace file.
     */
    public static Handle start(Scenario scenario, Options options) {
        Settings settings = validate(scenario, options);
        RunInfo run = new RunInfo(UUID.randomUUID().toString().substring(0, 8), scenario.name(), settings.redacted(),
                Instant.now(), RunInfo.currentVersion());
        List<EventSink> sinks = new ArrayList<>();
        TraceWriter trace = null;
        if (options.record() != null) {
            trace = new TraceWriter(options.record(), options.compression());
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
        ScenarioContext context = new ScenarioContext(redacting(pipeline), settings,
                options.dataDir().resolve(scenario.engine().id()), options.progress());
        AtomicReference<RunResult> result = new AtomicReference<>();
        TraceWriter recording = trace;
        Thread thread = new Thread(() -> result.set(execute(scenario, options, run, pipeline, context, runFindings, recording)),
                "sluice-run-" + scenario.name());
        thread.setDaemon(true);
        thread.start();
        return new Handle(thread, context, result, trace, pipeline);
    }

    /** Notes are free text a scenario builds from settings and errors: they leave memory redacted. */
    private static Emitter redacting(Emitter out) {
        return body -> out.emit(body instanceof AppEvent.Note note ? new AppEvent.Note(Secrets.redact(note.text())) : body);
    }

    /** The failure in words: its message, or what kind of failure it was when it has none. */
    public static String describe(Throwable error) {
        String m = error.getMessage();
        return m == null || m.isBlank() ? "unexpected " + error.getClass().getSimpleName() : m;
    }

    private static RunResult execute(Scenario scenario, Options options, RunInfo run, Pipeline pipeline,
                                     ScenarioContext context, FindingSource findings, TraceWriter trace) {
        pipeline.emit(new AppEvent.RunStarted(scenario.name(), run.sluiceVersion()));
        if (options.profile() != null) {
            pipeline.emit(new AppEvent.Note(PROFILE_NOTE + options.profile()));
        }
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
        RunOutcome outcome = RunOutcome.COMPLETED;
        try {
            worker.join(options.timeout().toMillis());
            if (worker.isAlive()) {
                context.requestStop();
                worker.join(10_000);
                outcome = RunOutcome.STOPPED;
                if (worker.isAlive()) {
                    failure.compareAndSet(null, new ScenarioException("run", "did not stop within "
                            + options.timeout().toSeconds() + " s + 10 s grace"));
                }
            }
        } catch (InterruptedException e) {
            context.requestStop();
            Thread.currentThread().interrupt();
            outcome = RunOutcome.STOPPED;
        }
        Throwable error = failure.get();
        if (error != null) {
            outcome = RunOutcome.FAILED;
            String stage = error instanceof ScenarioException se ? se.stage() : "run";
            String message = Secrets.redact(describe(error));
            // the caller reports the failure to the user; the log keeps one line, the stack trace only at debug (--verbose)
            LOG.info("scenario {} failed during {}: {}", scenario.name(), stage, message);
            LOG.debug("scenario {} failure", scenario.name(), error);
            pipeline.emit(new AppEvent.ScenarioFailed(scenario.name(), stage, error.getClass().getName(), message));
        } else if (context.stopRequested() && outcome == RunOutcome.COMPLETED) {
            outcome = RunOutcome.STOPPED;
        }
        pipeline.emit(new AppEvent.RunEnded(scenario.name(), outcome));
        // uninterruptibly: the result must include what the sinks report when they close
        boolean interrupted = false;
        while (true) {
            try {
                pipeline.close();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new RunResult(run, outcome, error, findings.findings(), pipeline.dispatched(), pipeline.droppedByKind(),
                trace == null ? null : trace.file(), pipeline.sinkFailures(), findings.tally(),
                trace != null && trace.failed());
    }
}
