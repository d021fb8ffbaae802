package dev.sluice.agent;

import dev.sluice.event.AppEvent;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import dev.sluice.pipeline.Pacing;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.trace.TraceWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Records the attached process as one run: a live {@link Pipeline} into a {@link TraceWriter}, the
 * same trace format the console and {@code sluice check} read, and/or into an {@link AgentListener}
 * that serves it live to consoles ({@code listen=}). The run is named after the process
 * ({@code agent:<main class>@<pid>}); a shutdown hook ends it, so a job that exits leaves a complete trace
 * and one killed with SIGKILL leaves what the writer had flushed (every 200 ms).
 */
final class AgentRecorder {

    private final Pipeline pipeline;
    private final String scenario;

    private AgentRecorder(Pipeline pipeline, String scenario) {
        this.pipeline = pipeline;
        this.scenario = scenario;
    }

    /** The system property the agent sets to the address it listens on (read by {@code sluice attach}). */
    static final String LISTENING_PROPERTY = "sluice.agent.listening";
    /** Set once the agent runs, so that {@code sluice attach} never loads it twice. */
    static final String RUNNING_PROPERTY = "sluice.agent.running";

    /** @param openAfter the trace writer opens once this completes (see {@link BackgroundOpenSink}) */
    static AgentRecorder start(AgentOptions options, CompletableFuture<?> openAfter) {
        long pid = ProcessHandle.current().pid();
        String scenario = "agent:" + mainClass() + "@" + pid;
        // the command line is not recorded: its arguments may hold secrets; of the token only the variable's name
        Map<String, String> settings = new TreeMap<>(Map.of("agent.pid", Long.toString(pid)));
        List<EventSink> sinks = new ArrayList<>();
        if (options.record() != null) {
            settings.put("agent.record", options.record().toString());
            sinks.add(new BackgroundOpenSink(new TraceWriter(options.record()), openAfter));
        }
        AgentListener listener = null;
        if (options.listen() != null) {
            listener = AgentListener.bind(options.listen(), options.tokenEnv());
            settings.put("agent.listen", listener.address());
            if (options.tokenEnv() != null) {
                settings.put("agent.token.env", options.tokenEnv());
            }
            sinks.add(listener);
        }
        RunInfo run = new RunInfo(UUID.randomUUID().toString().substring(0, 8), scenario, settings,
                Instant.now(), RunInfo.currentVersion());
        // the dispatcher shares the job's cores: it wakes about every 10 ms rather than after every event
        Pipeline pipeline = Pipeline.live(run, Pipeline.DEFAULT_CAPACITY, sinks, Pacing.BACKGROUND);
        System.setProperty(RUNNING_PROPERTY, run.runId());
        if (listener != null) {
            listener.notesTo(pipeline);
            System.setProperty(LISTENING_PROPERTY, listener.address());
        }
        pipeline.emit(new AppEvent.RunStarted(scenario, run.sluiceVersion()));
        pipeline.emit(new AppEvent.Note("sluice agent attached to pid " + pid));
        AgentRecorder recorder = new AgentRecorder(pipeline, scenario);
        Runtime.getRuntime().addShutdownHook(new Thread(recorder::finish, "sluice-agent-shutdown"));
        return recorder;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    /** Ends the run and flushes the trace; runs in the shutdown hook, while the job's own hooks may still run. */
    private void finish() {
        Probes.stop();
        pipeline.emit(new AppEvent.RunEnded(scenario, AppEvent.RunOutcome.COMPLETED));
        try {
            pipeline.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process's main class (or jar) as the JVM names it, without the arguments. */
    static String mainClass() {
        String command = System.getProperty("sun.java.command", "");
        String first = command.isBlank() ? "unknown" : command.trim().split("\\s+", 2)[0];
        int slash = Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\'));
        return first.substring(slash + 1);
    }
}
