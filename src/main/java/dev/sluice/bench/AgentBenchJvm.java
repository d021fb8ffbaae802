package dev.sluice.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs {@code bench agent}'s user apps as child JVMs, with or without
 * {@code -javaagent:sluice-agent.jar=record=TRACE}. The apps' classes are copied out of Sluice's jar into a
 * directory of their own and their class path is the libraries only — never Sluice's classes, nor Byte
 * Buddy (the agent brings its own, relocated) — so each child is what a user's job is.
 */
final class AgentBenchJvm implements AutoCloseable {

    static final String AGENT_JAR = "sluice-agent.jar";
    /** The user apps' classes; none has a nested class, so each is one class file. */
    static final List<Class<?>> APP_CLASSES = List.of(AgentBenchS3App.class, AgentBenchFlightApp.class, AgentBenchFigures.class);
    /** The opening Arrow needs in a plain app; the heap is fixed per bench ({@link #heapMiB}) and alike on both sides. */
    static final String ARROW_OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    /** The smallest fixed heap a child gets. */
    static final int MIN_HEAP_MIB = 512;
    /**
     * Extra JVM options for both sides alike, space-separated (an experiment's, e.g. {@code -XX:G1HeapRegionSize=4m}
     * so the S3 app's 1 MiB bodies are not humongous); none by default: the children are plain jobs.
     */
    static final String CHILD_OPTIONS_PROPERTY = "sluice.bench.agent.childOptions";

    /** One child's own figures ({@link AgentBenchFigures}) and the size of the trace it left (0 without the agent). */
    record Figures(long bytes, long workNanos, long cpuNanos, long mainMillis, long firstRequestMillis,
                   long agentStartMillis, long agentWeavingMillis, long traceBytes, Warm warm, Costs costs) {
        double mibPerSecond() {
            return bytes / 1048576.0 / (workNanos / 1e9);
        }

        double cpuSecondsPerGiB() {
            return cpuNanos / 1e9 / (bytes / (double) (1L << 30));
        }

        /** The child's process CPU within its passes alone, seconds per GiB. */
        double passCpuSecondsPerGiB() {
            return costs.passCpuNanos() / 1e9 / (bytes / (double) (1L << 30));
        }

        /** The child's allocation in its timed passes, MiB per GiB read. */
        double allocatedMiBPerGiB() {
            return costs.allocatedBytes() / 1048576.0 / (bytes / (double) (1L << 30));
        }

        /** The servers' (the bench JVM's) CPU over the child's timed passes, seconds per GiB; NaN when not sampled. */
        double serverCpuSecondsPerGiB() {
            return costs.serverCpuNanos() < 0 ? Double.NaN : costs.serverCpuNanos() / 1e9 / (bytes / (double) (1L << 30));
        }

        Figures withServerCpu(long serverCpuNanos) {
            return new Figures(bytes, workNanos, cpuNanos, mainMillis, firstRequestMillis, agentStartMillis, agentWeavingMillis,
                    traceBytes, warm, new Costs(costs.gcMillis(), costs.gcCount(), costs.allocatedBytes(), costs.passCpuNanos(),
                    serverCpuNanos));
        }
    }

    /**
     * What the timed passes cost beside the child's CPU: its collectors' time and collections, what its threads
     * allocated, its process CPU within its passes alone (its waits for the other side's left out), and the servers' CPU
     * over its passes (the bench JVM's; -1 until the bench took it).
     */
    record Costs(long gcMillis, long gcCount, long allocatedBytes, long passCpuNanos, long serverCpuNanos) {
    }

    /**
     * How the child warmed up and what ran beside its timed passes: its warm-up passes, whether they ended with the JIT
     * quiet (else out of time) and how long they took, the CPU of the agent's own
     * threads and the JIT's compile time before and during the timed passes, whether the agent's start-up (weaving,
     * trace open) was done before them.
     */
    record Warm(long warmUpPasses, boolean jitQuiet, long warmUpMillis, long agentCpuBeforeNanos, long agentCpuTimedNanos,
                long jitBeforeMillis, long jitTimedMillis, boolean agentReadyBefore) {
    }

    /**
     * Names a directory: each child then writes a JFR profile there ({@code <app>-<side>-<n>.jfr}, see
     * {@link AgentBenchFigures#JFR_PROPERTY}), and its figures beside it ({@code ….jfr.properties}).
     */
    static final String JFR_DIR_PROPERTY = "sluice.bench.agent.jfr";

    private final Path agent;
    private final Path work;
    private final String classPath;
    private final int heapMiB;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private int children;

    private AgentBenchJvm(Path agent, Path work, String classPath, int heapMiB) {
        this.agent = agent;
        this.work = work;
        this.classPath = classPath;
        this.heapMiB = heapMiB;
    }

    /**
     * A fixed heap that holds {@code ways} bodies of {@code bodyBytes} in flight eight times over ({@code toBytes()}
     * grows its buffer by copying, Netty holds the chunks meanwhile), at least {@value #MIN_HEAP_MIB} MiB: the full
     * run's 32 bodies of 4 MiB ran out of 512 MiB in the agent's child, which also holds the agent's buffers.
     */
    static int heapMiB(int ways, long bodyBytes) {
        return (int) Math.max(MIN_HEAP_MIB, (8L * ways * bodyBytes) >> 20);
    }

    /** Both sides' JVM options (the agent and the experiment's extra options aside). */
    List<String> jvmOptions() {
        return List.of("-Xms" + heapMiB + "m", "-Xmx" + heapMiB + "m", ARROW_OPENS);
    }

    /** The agent jar beside Sluice's own code: target/ in a build, lib/app/ in an installed app. */
    static Path agentJar(Path sluiceCode) {
        return sluiceCode.toAbsolutePath().getParent().resolve(AGENT_JAR);
    }

    /**
     * Finds the agent beside {@code sluiceCode} (Sluice's jar or classes directory) and copies the apps out;
     * {@code classPath} is this JVM's, from which the libraries are taken; each child gets a fixed heap of {@code heapMiB}.
     */
    static AgentBenchJvm prepare(Path sluiceCode, String classPath, int heapMiB) throws BenchUnavailableException, IOException {
        Path agent = agentJar(sluiceCode);
        if (!Files.isRegularFile(agent)) {
            throw new BenchUnavailableException("no " + AGENT_JAR + " in " + agent.getParent()
                    + " (beside Sluice's own jar); build it with mvn package");
        }
        Path work = Files.createTempDirectory("sluice-bench-agent");
        Path apps = work.resolve("apps");
        for (Class<?> c : APP_CLASSES) {
            String file = c.getName().replace('.', '/') + ".class";
            Path to = apps.resolve(file);
            Files.createDirectories(to.getParent());
            try (InputStream in = c.getClassLoader().getResourceAsStream(file)) {
                if (in == null) {
                    throw new IOException("bench agent: " + file + " is not on Sluice's class path; its jar is incomplete");
                }
                Files.copy(in, to);
            }
        }
        List<Path> path = new ArrayList<>();
        path.add(apps);
        path.addAll(libraries(sluiceCode, classPath));
        return new AgentBenchJvm(agent, work, path.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)), heapMiB);
    }

    /**
     * The library jars of {@code classPath}: Sluice's own jar is replaced by the jars its manifest lists (as
     * with {@code java -jar sluice.jar}), directories (Sluice's and tests' classes), Byte Buddy, logback and
     * the agent are left out.
     */
    static List<Path> libraries(Path sluiceCode, String classPath) throws IOException {
        Path self = sluiceCode.toAbsolutePath().normalize();
        Set<Path> out = new LinkedHashSet<>();
        for (String entry : classPath.split(File.pathSeparator, -1)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (p.equals(self)) {
                if (Files.isRegularFile(p)) {
                    out.addAll(manifestClassPath(p));
                }
            } else if (!Files.isDirectory(p)) {
                out.add(p);
            }
        }
        // logback: with no configuration of the app's own it would log the SDK's and Netty's DEBUG lines, which
        // would measure the logging; without a provider SLF4J logs nothing, as a job configured at WARN nearly does
        out.removeIf(p -> {
            String name = p.getFileName().toString();
            return name.startsWith("byte-buddy") || name.startsWith("logback-") || name.equals(AGENT_JAR);
        });
        return List.copyOf(out);
    }

    private static List<Path> manifestClassPath(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String listed = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            List<Path> out = new ArrayList<>();
            for (String e : listed == null ? new String[0] : listed.trim().split("\\s+")) {
                Path p = jar.getParent().resolve(e).normalize();
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
            return out;
        }
    }

    /** The child's command: {@code trace} null runs it without the agent; it writes its figures to {@code figures}. */
    List<String> command(Class<?> app, Path trace, Path figures, List<String> args) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions());
        command.add("-D" + AgentBenchFigures.FIGURES_PROPERTY + "=" + figures);
        String extra = System.getProperty(CHILD_OPTIONS_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        if (trace != null) {
            command.add("-javaagent:" + agent + "=record=" + trace);
        }
        command.addAll(List.of("-cp", classPath, app.getName()));
        command.addAll(args);
        return command;
    }

    /**
     * Starts {@code app} in a child JVM, with the agent recording or without it, and waits until it is ready (its
     * client built): the bench then drives it ({@link AgentBenchChild}).
     */
    AgentBenchChild start(Class<?> app, boolean withAgent, Map<String, String> env, List<String> args)
            throws IOException, InterruptedException {
        int n = children++;
        Path trace = work.resolve("app-" + n + ".sluice");
        Path figures = work.resolve("figures-" + n + ".properties");
        List<String> command = command(app, withAgent ? trace : null, figures, args);
        String jfrDir = System.getProperty(JFR_DIR_PROPERTY);
        if (jfrDir != null) {
            Path jfr = Path.of(jfrDir).toAbsolutePath().resolve(app.getSimpleName() + (withAgent ? "-agent-" : "-none-") + n + ".jfr");
            command.add(1, "-D" + AgentBenchFigures.JFR_PROPERTY + "=" + jfr);
        }
        String side = app.getSimpleName() + (withAgent ? " with" : " without") + " the agent";
        return AgentBenchChild.start(side, command, env, work.resolve("app-" + n + ".log"), figures, withAgent ? trace : null);
    }

    /** The figures an app wrote; a missing one is refused in one line. */
    static Figures parse(Properties figures, long traceBytes) throws IOException {
        return new Figures(number(figures, AgentBenchFigures.BYTES), number(figures, AgentBenchFigures.WORK_NANOS),
                number(figures, AgentBenchFigures.CPU_NANOS), number(figures, AgentBenchFigures.MAIN_MILLIS),
                number(figures, AgentBenchFigures.FIRST_REQUEST_MILLIS), number(figures, AgentBenchFigures.AGENT_START_MILLIS),
                number(figures, AgentBenchFigures.AGENT_WEAVING_MILLIS), traceBytes,
                new Warm(number(figures, AgentBenchFigures.WARM_UP_PASSES), number(figures, AgentBenchFigures.WARM_UP_QUIET) == 1,
                        number(figures, AgentBenchFigures.WARM_UP_MILLIS), number(figures, AgentBenchFigures.AGENT_CPU_BEFORE_NANOS),
                        number(figures, AgentBenchFigures.AGENT_CPU_TIMED_NANOS), number(figures, AgentBenchFigures.JIT_BEFORE_MILLIS),
                        number(figures, AgentBenchFigures.JIT_TIMED_MILLIS), number(figures, AgentBenchFigures.AGENT_READY_BEFORE) == 1),
                new Costs(number(figures, AgentBenchFigures.GC_TIMED_MILLIS), number(figures, AgentBenchFigures.GC_TIMED_COUNT),
                        number(figures, AgentBenchFigures.ALLOCATED_TIMED_BYTES),
                        number(figures, AgentBenchFigures.PASS_CPU_NANOS), -1));
    }

    private static long number(Properties figures, String key) throws IOException {
        String value = figures.getProperty(key);
        if (value == null || !value.matches("-?[0-9]+")) {
            throw new IOException("bench agent: the app's figures have no number for " + key + " (" + value
                    + "); accepted: the integer figures AgentBenchFigures writes");
        }
        return Long.parseLong(value);
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> all = Files.walk(work)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
