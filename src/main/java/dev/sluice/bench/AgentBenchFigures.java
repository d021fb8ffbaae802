package dev.sluice.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What a {@code bench agent} user app measures about itself and writes to the file the bench gave it:
 * the bytes it read in its timed passes, their wall and process CPU time, and its start-up (JVM start to
 * main, to the first request; the agent's own start when it runs). Only the JDK: the apps are copied
 * out of Sluice's jar and run without Sluice on their class path.
 */
final class AgentBenchFigures {

    static final String BYTES = "bytes";
    static final String WORK_NANOS = "workNanos";
    static final String CPU_NANOS = "cpuNanos";
    static final String MAIN_MILLIS = "mainMillis";
    static final String FIRST_REQUEST_MILLIS = "firstRequestMillis";
    static final String AGENT_START_MILLIS = "agentStartMillis";
    /** The system property the agent sets to how long its start took (absent without the agent). */
    static final String AGENT_START_PROPERTY = "sluice.agent.startMillis";
    static final String AGENT_WEAVING_MILLIS = "agentWeavingMillis";
    /** Set by the agent to how long building its weaving took, beside the job's start (absent without it). */
    static final String AGENT_WEAVING_PROPERTY = "sluice.agent.weavingMillis";

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Properties figures = new Properties();
    private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    private long workStart;
    private long cpuStart;

    /** Taken first thing in main. */
    AgentBenchFigures() {
        figures.setProperty(MAIN_MILLIS, Long.toString(System.currentTimeMillis() - jvmStart));
    }

    /** The app is about to make its first request (its client is built). */
    void firstRequest() {
        figures.setProperty(FIRST_REQUEST_MILLIS, Long.toString(System.currentTimeMillis() - jvmStart));
    }

    /** The timed passes begin (after the warm-up pass). */
    void workStarts() {
        cpuStart = OS.getProcessCpuTime();
        workStart = System.nanoTime();
    }

    /** The timed passes read {@code bytes}; writes every figure to {@code out}. */
    void workEnded(long bytes, Path out) throws IOException {
        long nanos = System.nanoTime() - workStart;
        figures.setProperty(CPU_NANOS, Long.toString(OS.getProcessCpuTime() - cpuStart));
        figures.setProperty(WORK_NANOS, Long.toString(nanos));
        figures.setProperty(BYTES, Long.toString(bytes));
        figures.setProperty(AGENT_START_MILLIS, System.getProperty(AGENT_START_PROPERTY, "-1"));
        figures.setProperty(AGENT_WEAVING_MILLIS, System.getProperty(AGENT_WEAVING_PROPERTY, "-1"));
        try (Writer w = Files.newBufferedWriter(out)) {
            figures.store(w, "bench agent user app");
        }
    }
}
