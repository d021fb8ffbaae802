package dev.sluice.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * How a {@code bench agent} user app is driven, and what it measures about itself. The app builds its client, then
 * {@link #serve}s the bench's commands, a line each on stdin: {@link #WARM} (warm up until steady), {@link #PASS} (one
 * timed pass), {@link #END} (write the figures); it answers each on stdout with a line that begins with
 * {@link #ANSWER}. So the bench keeps a round's two children (with and without the agent) alive together and alternates
 * their timed passes: whatever drifts over a round (the servers' JIT and GC, the host) falls on both alike. Into the file
 * the bench names ({@link #FIGURES_PROPERTY}) it writes:
 * the bytes it read in its timed passes, their wall and process CPU time, how many warm-up passes it took
 * to be steady, the JIT's time and the agent's own threads' CPU before and during the timed passes, and its
 * start-up (JVM start to main, to the first request; the agent's own start when it runs). Only the JDK: the
 * apps are copied out of Sluice's jar and run without Sluice on their class path.
 */
final class AgentBenchFigures {

    /** The system property naming the file the app writes its figures to. */
    static final String FIGURES_PROPERTY = "agentbench.figures";
    /** The bench's commands. */
    static final String WARM = "warm";
    static final String PASS = "pass";
    static final String END = "end";
    /** The first word of the app's every answer; its other output (a library's) is not an answer. */
    static final String ANSWER = "agentbench";
    /** The answers: ready (its client built), warmed, passed BYTES NANOS, ended (the figures written). */
    static final String READY = "ready";
    static final String WARMED = "warmed";
    static final String PASSED = "passed";
    static final String ENDED = "ended";

    static final String BYTES = "bytes";
    static final String WORK_NANOS = "workNanos";
    static final String CPU_NANOS = "cpuNanos";
    /** The process CPU within the timed passes alone (the waits for the other side's passes left out). */
    static final String PASS_CPU_NANOS = "passCpuNanos";
    static final String MAIN_MILLIS = "mainMillis";
    static final String FIRST_REQUEST_MILLIS = "firstRequestMillis";
    static final String AGENT_START_MILLIS = "agentStartMillis";
    /** The system property the agent sets to how long its start took (absent without the agent). */
    static final String AGENT_START_PROPERTY = "sluice.agent.startMillis";
    static final String AGENT_WEAVING_MILLIS = "agentWeavingMillis";
    /** Set by the agent to how long building its weaving took, beside the job's start (absent without it). */
    static final String AGENT_WEAVING_PROPERTY = "sluice.agent.weavingMillis";
    /** Set by the agent to the CPU its weaver thread and its trace opener spent, in ms (they end before it is read). */
    static final String AGENT_WEAVING_CPU_PROPERTY = "sluice.agent.weavingCpuMillis";
    static final String AGENT_OPEN_CPU_PROPERTY = "sluice.agent.traceOpenCpuMillis";
    static final String WARM_UP_PASSES = "warmUpPasses";
    /** CPU of the agent's threads (their names start with {@link #AGENT_THREADS}) up to the timed passes, and in them. */
    static final String AGENT_CPU_BEFORE_NANOS = "agentCpuBeforeNanos";
    static final String AGENT_CPU_TIMED_NANOS = "agentCpuTimedNanos";
    /** The JIT's compile time (all compiler threads) up to the timed passes, and in them. */
    static final String JIT_BEFORE_MILLIS = "jitBeforeMillis";
    static final String JIT_TIMED_MILLIS = "jitTimedMillis";
    /** 1 when the agent's weaving and trace open were both done before the timed passes began (or no agent), else 0. */
    static final String AGENT_READY_BEFORE = "agentReadyBefore";
    /**
     * Names a JFR file: a profile of the whole child is written there (off by default), every compilation in it
     * ({@code jdk.Compilation} with no threshold); beside it, {@code <file>.window} holds the timed passes' start and end
     * (epoch nanoseconds), so its events can be restricted to them. Started in main: JFR's own start is not timed.
     */
    static final String JFR_PROPERTY = "agentbench.jfr";
    /** The agent's threads: {@code sluice-agent-…} and its pipeline's {@code sluice-dispatcher-…}. */
    static final String AGENT_THREADS = "sluice-";
    /**
     * Warm-up: until two consecutive passes agree within {@link #STEADY} and the JIT is quiet (it compiled for at most
     * {@link #JIT_QUIET} of the last pass's time), at least {@link #MIN_WARM_UP} passes however long they take, then for
     * at most {@link #MAX_WARM_UP_MILLIS} in all (then the timed passes begin anyway, and the figures say the JIT was
     * not quiet).
     */
    static final double STEADY = 0.10;
    static final double JIT_QUIET = 0.10;
    static final int MIN_WARM_UP = 2;
    static final long MAX_WARM_UP_MILLIS = 3_000;
    /** 1 when the warm-up ended steady with the JIT quiet, 0 when it ran out of time. */
    static final String WARM_UP_QUIET = "warmUpQuiet";
    static final String WARM_UP_MILLIS = "warmUpMillis";
    /** The collectors' time and collections in the timed passes (all collectors, as their MXBeans count them). */
    static final String GC_TIMED_MILLIS = "gcTimedMillis";
    static final String GC_TIMED_COUNT = "gcTimedCount";
    /** Bytes allocated in the timed passes by the threads alive at their end (a thread that ended meanwhile is missed). */
    static final String ALLOCATED_TIMED_BYTES = "allocatedTimedBytes";

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
    private static final List<GarbageCollectorMXBean> GCS = ManagementFactory.getGarbageCollectorMXBeans();

    private final Properties figures = new Properties();
    private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    private long workNanos;
    private long passCpuNanos;
    private long cpuStart;
    private long agentCpuStart;
    private long jitStart;
    private long gcMillisStart;
    private long gcCountStart;
    private Map<Long, Long> allocatedStart = Map.of();
    private Recording recording;

    private long windowStart;
    private boolean working;

    /** Taken first thing in main. */
    AgentBenchFigures() throws IOException, ParseException {
        figures.setProperty(MAIN_MILLIS, Long.toString(System.currentTimeMillis() - jvmStart));
        String jfr = System.getProperty(JFR_PROPERTY);
        if (jfr != null) {
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
            recording.setDestination(Path.of(jfr));
            recording.start();
        }
    }

    /** The app is about to make its first request (its client is built). */
    void firstRequest() {
        figures.setProperty(FIRST_REQUEST_MILLIS, Long.toString(System.currentTimeMillis() - jvmStart));
    }

    /**
     * Answers the bench's commands until {@link #END}: {@code pass} is one read of the whole data set, returning its
     * bytes. The timed passes' CPU is the process's from the first timed pass to the end, the waits between them
     * included (the agent's threads work on there too, and the JVM's: both sides alike); their time is their own.
     */
    void serve(Callable<Long> pass) throws Exception {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        answer(READY);
        long bytes = 0;
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            switch (command) {
                case WARM -> {
                    warmUp(pass);
                    answer(WARMED);
                }
                case PASS -> {
                    if (!working) {
                        workStarts();
                    }
                    long cpu0 = OS.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    long read = pass.call();
                    long nanos = System.nanoTime() - t0;
                    passCpuNanos += OS.getProcessCpuTime() - cpu0;
                    workNanos += nanos;
                    bytes += read;
                    answer(PASSED + " " + read + " " + nanos);
                }
                case END -> {
                    workEnded(bytes, Path.of(System.getProperty(FIGURES_PROPERTY)));
                    answer(ENDED);
                    return;
                }
                default -> throw new IllegalArgumentException("bench agent app: command '" + command + "' is not known;"
                        + " accepted: " + WARM + ", " + PASS + ", " + END);
            }
        }
        throw new IOException("bench agent app: the bench's commands ended before '" + END + "'");
    }

    private static void answer(String line) {
        System.out.println(ANSWER + " " + line); // the bench reads it: the app's protocol, not a log
        System.out.flush();
    }

    /**
     * Runs {@code pass} (one read of the whole data set, returning its bytes) until the job is steady and its JIT quiet
     * ({@link #STEADY}, {@link #JIT_QUIET}), at least {@link #MIN_WARM_UP} times, then within {@link #MAX_WARM_UP_MILLIS};
     * the same rule with and without the agent, so the agent's start-up (its JIT, its weaving, its trace open) is paid
     * before the timed passes as the job's own warm-up is. On 2 cores a compiler thread still busy takes one of the
     * job's cores: timed passes beside it measure when the JIT finishes, not the job.
     */
    private void warmUp(Callable<Long> pass) throws Exception {
        long start = System.nanoTime();
        long previous = -1;
        int n = 0;
        boolean quiet = false;
        while (n < MIN_WARM_UP || (!quiet && System.nanoTime() - start < MAX_WARM_UP_MILLIS * 1_000_000)) {
            long jit0 = JIT.getTotalCompilationTime();
            long t0 = System.nanoTime();
            pass.call();
            long nanos = System.nanoTime() - t0;
            long jitNanos = (JIT.getTotalCompilationTime() - jit0) * 1_000_000;
            n++;
            boolean steady = n >= MIN_WARM_UP && previous > 0 && Math.abs(nanos - previous) <= STEADY * previous;
            quiet = steady && jitNanos <= JIT_QUIET * nanos;
            previous = nanos;
        }
        figures.setProperty(WARM_UP_PASSES, Integer.toString(n));
        figures.setProperty(WARM_UP_QUIET, quiet ? "1" : "0");
        figures.setProperty(WARM_UP_MILLIS, Long.toString((System.nanoTime() - start) / 1_000_000));
    }

    /** The timed passes begin (after the warm-up passes). */
    private void workStarts() {
        working = true;
        figures.setProperty(AGENT_READY_BEFORE, System.getProperty(AGENT_START_PROPERTY) == null
                || (System.getProperty(AGENT_WEAVING_PROPERTY) != null && System.getProperty(AGENT_OPEN_CPU_PROPERTY) != null)
                ? "1" : "0");
        long agentCpu = agentThreadsCpu();
        long ended = millisProperty(AGENT_WEAVING_CPU_PROPERTY) + millisProperty(AGENT_OPEN_CPU_PROPERTY);
        figures.setProperty(AGENT_CPU_BEFORE_NANOS, Long.toString(agentCpu + ended * 1_000_000));
        figures.setProperty(JIT_BEFORE_MILLIS, Long.toString(JIT.getTotalCompilationTime()));
        windowStart = epochNanos();
        agentCpuStart = agentCpu;
        jitStart = JIT.getTotalCompilationTime();
        gcMillisStart = GCS.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        gcCountStart = GCS.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        allocatedStart = allocatedByThread();
        cpuStart = OS.getProcessCpuTime();
    }

    /** The timed passes read {@code bytes}; writes every figure to {@code out}. */
    private void workEnded(long bytes, Path out) throws IOException {
        if (!working) {
            throw new IllegalStateException("bench agent app: '" + END + "' before any '" + PASS + "'");
        }
        figures.setProperty(CPU_NANOS, Long.toString(OS.getProcessCpuTime() - cpuStart));
        figures.setProperty(WORK_NANOS, Long.toString(workNanos));
        figures.setProperty(PASS_CPU_NANOS, Long.toString(passCpuNanos));
        figures.setProperty(GC_TIMED_MILLIS, Long.toString(
                GCS.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() - gcMillisStart));
        figures.setProperty(GC_TIMED_COUNT, Long.toString(
                GCS.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum() - gcCountStart));
        long allocated = 0;
        for (Map.Entry<Long, Long> t : allocatedByThread().entrySet()) {
            allocated += t.getValue() - allocatedStart.getOrDefault(t.getKey(), 0L); // a new thread: all it allocated
        }
        figures.setProperty(ALLOCATED_TIMED_BYTES, Long.toString(allocated));
        figures.setProperty(JIT_TIMED_MILLIS, Long.toString(JIT.getTotalCompilationTime() - jitStart));
        figures.setProperty(AGENT_CPU_TIMED_NANOS, Long.toString(agentThreadsCpu() - agentCpuStart));
        if (recording != null) {
            long windowEnd = epochNanos();
            recording.stop(); // written to its destination
            recording.close();
            Files.writeString(Path.of(System.getProperty(JFR_PROPERTY) + ".window"), windowStart + " " + windowEnd + "\n");
        }
        figures.setProperty(BYTES, Long.toString(bytes));
        figures.setProperty(AGENT_START_MILLIS, System.getProperty(AGENT_START_PROPERTY, "-1"));
        figures.setProperty(AGENT_WEAVING_MILLIS, System.getProperty(AGENT_WEAVING_PROPERTY, "-1"));
        try (Writer w = Files.newBufferedWriter(out)) {
            figures.store(w, "bench agent user app");
        }
    }

    /** CPU so far of the live threads the agent started (an ended one's is in the properties it left). */
    private static long agentThreadsCpu() {
        long sum = 0;
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith(AGENT_THREADS)) {
                long cpu = THREADS.getThreadCpuTime(t.getThreadId());
                sum += Math.max(0, cpu); // -1: it ended meanwhile
            }
        }
        return sum;
    }

    /** Bytes allocated so far by each live thread (HotSpot's per-thread TLAB accounting), by thread id. */
    private static Map<Long, Long> allocatedByThread() {
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) THREADS;
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = hotspot.getThreadAllocatedBytes(ids);
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) { // -1: it ended meanwhile
                out.put(ids[i], bytes[i]);
            }
        }
        return out;
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static long millisProperty(String name) {
        String value = System.getProperty(name);
        return value == null ? 0 : Long.parseLong(value);
    }
}
