package dev.sluice.agent;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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
        start(AgentOptions.parse(options), instrumentation, false);
    }

    /** Loaded into a running JVM (Attach API): clients built before this moment are not seen. */
    public static void agentmain(String options, Instrumentation instrumentation) {
        start(AgentOptions.parse(options), instrumentation, true);
    }

    private static boolean loaded;
    /** Set to how long the agent's start took, in ms: {@code sluice bench agent} reads it in its user apps. */
    static final String START_MILLIS_PROPERTY = "sluice.agent.startMillis";
    /** Set to how long building the weaving took, in ms, on its own thread beside the job's start. */
    static final String WEAVING_MILLIS_PROPERTY = "sluice.agent.weavingMillis";
    /** Set to the CPU the weaver thread spent, in ms (it ends: the bench cannot read it after). */
    static final String WEAVING_CPU_MILLIS_PROPERTY = "sluice.agent.weavingCpuMillis";
    /** Set to the CPU the trace writer's open spent on its own thread, in ms. */
    static final String OPEN_CPU_MILLIS_PROPERTY = "sluice.agent.traceOpenCpuMillis";

    /** The CPU the calling thread has spent so far, in ms. */
    static String threadCpuMillis() {
        return Long.toString(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000);
    }

    /** @param late loaded into a running JVM: the library classes it weaves may be loaded already */
    private static synchronized void start(AgentOptions options, Instrumentation instrumentation, boolean late) {
        long t0 = System.nanoTime();
        if (loaded) {
            // a second load would weave every probe twice
            throw new IllegalArgumentException("sluice agent: already running in this process; it is loaded once");
        }
        loaded = true;
        // the bundled SLF4J has no provider; its notice about that would land in the job's stderr
        System.setProperty("sluice.agent.slf4j.internal.verbosity", "ERROR");
        openNioToTheAgent(instrumentation);
        // quick: the trace writer opens on a thread of its own (BackgroundOpenSink); a refusal (the port is taken,
        // the token variable unset) is one line, as a bad option is
        // at the JVM's start the trace opens after the weaving: both load ~1,000 classes, and the job's first request
        // waits only for the weaving (what is emitted meanwhile is held)
        CompletableFuture<Void> woven = late ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        AgentRecorder started = AgentRecorder.start(options, woven);
        Probes.start(started.pipeline(), options.failProbe() == null ? null : ProbeName.byId(options.failProbe()));
        if (late) {
            S3Instrumentation.install(instrumentation, true);
            LibraryInstrumentation.install(instrumentation, true);
        } else {
            weaveInTheBackground(instrumentation, woven);
        }
        System.setProperty(START_MILLIS_PROPERTY, Long.toString((System.nanoTime() - t0) / 1_000_000));
    }

    /**
     * At the JVM's start: Byte Buddy's transformers are built on a thread of their own while the job starts; the
     * {@link WeaverGate} holds back only the classes they may weave until then. The JDK's futures are retransformed
     * after (a future that fails before is not seen).
     */
    private static void weaveInTheBackground(Instrumentation instrumentation, CompletableFuture<Void> woven) {
        WeaverGate gate = new WeaverGate();
        instrumentation.addTransformer(gate);
        Thread weaver = new Thread(() -> {
            long t0 = System.nanoTime();
            boolean ready = false;
            try {
                gate.ready(List.of(S3Instrumentation.builder(false).makeRaw(), LibraryInstrumentation.builder(false).makeRaw()));
                ready = true;
                LibraryInstrumentation.installFutures(instrumentation);
            } catch (RuntimeException | LinkageError e) {
                if (ready) {
                    Probes.failed(ProbeName.FUTURES, e);
                } else {
                    Probes.weavingFailed(e);
                }
            } finally {
                gate.release(); // whatever went wrong, the classes held back load now (unwoven when it failed)
                woven.complete(null);
            }
            System.setProperty(WEAVING_CPU_MILLIS_PROPERTY, threadCpuMillis());
            System.setProperty(WEAVING_MILLIS_PROPERTY, Long.toString((System.nanoTime() - t0) / 1_000_000));
        }, "sluice-agent-weaver");
        weaver.setDaemon(true);
        weaver.start();
    }

    /** Arrow (the trace writer's memory) reflects into java.nio; the job need not pass --add-opens for it. */
    private static void openNioToTheAgent(Instrumentation instrumentation) {
        Module base = Object.class.getModule();
        instrumentation.redefineModule(base, Set.of(), Map.of(), Map.of("java.nio", Set.of(SluiceAgent.class.getModule())),
                Set.of(), Map.of());
    }
}
