package dev.sluice.agent;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The java agent ({@code -javaagent:sluice-agent.jar=record=FILE} and/or {@code listen=HOST:PORT}): records
 * the job's AWS SDK clients and requests as a Sluice trace, or serves them live to a console, with no change
 * to the job. See agent.md.
 */
public final class SluiceAgent {

    private SluiceAgent() {
    }

    /** Started with the JVM ({@code -javaagent}); a bad option stops the start with one line saying why. */
    public static void premain(String options, Instrumentation instrumentation) {
        start(AgentOptions.parse(options), instrumentation);
    }

    /** Loaded into a running JVM (Attach API): clients built before this moment are not seen. */
    public static void agentmain(String options, Instrumentation instrumentation) {
        start(AgentOptions.parse(options), instrumentation);
    }

    private static boolean loaded;
    /** Set to how long the agent's start took, in ms: {@code sluice bench agent} reads it in its user apps. */
    static final String START_MILLIS_PROPERTY = "sluice.agent.startMillis";

    private static synchronized void start(AgentOptions options, Instrumentation instrumentation) {
        long t0 = System.nanoTime();
        if (loaded) {
            // a second load would weave every probe twice
            throw new IllegalArgumentException("sluice agent: already running in this process; it is loaded once");
        }
        loaded = true;
        // the bundled SLF4J has no provider; its notice about that would land in the job's stderr
        System.setProperty("sluice.agent.slf4j.internal.verbosity", "ERROR");
        openNioToTheAgent(instrumentation);
        // the trace writer (Arrow) and the weaver (Byte Buddy) load many classes each: side by side, the
        // job waits for the longer of the two, not for both; probes emit nothing until the recorder is up
        CompletableFuture<AgentRecorder> recorder = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                recorder.complete(AgentRecorder.start(options));
            } catch (Throwable t) {
                recorder.completeExceptionally(t);
            }
        }, "sluice-agent-start");
        starter.start();
        S3Instrumentation.install(instrumentation);
        AgentRecorder started;
        try {
            started = recorder.join();
        } catch (CompletionException e) {
            // a refusal (the port is taken, the token variable unset) is one line, as a bad option is
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        Probes.start(started.pipeline(), options.failProbe() == null ? null : ProbeName.byId(options.failProbe()));
        // after the start: a JDK future that cannot be retransformed is then reported in the trace
        LibraryInstrumentation.install(instrumentation);
        System.setProperty(START_MILLIS_PROPERTY, Long.toString((System.nanoTime() - t0) / 1_000_000));
    }

    /** Arrow (the trace writer's memory) reflects into java.nio; the job need not pass --add-opens for it. */
    private static void openNioToTheAgent(Instrumentation instrumentation) {
        Module base = Object.class.getModule();
        instrumentation.redefineModule(base, Set.of(), Map.of(), Map.of("java.nio", Set.of(SluiceAgent.class.getModule())),
                Set.of(), Map.of());
    }
}
