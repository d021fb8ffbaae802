package dev.sluice.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One user app of a {@code bench agent} round, alive in its child JVM and driven by the commands
 * {@link AgentBenchFigures#serve} answers: warm up, one timed pass, end. The servers the app reads run in this JVM, so
 * this JVM's process CPU over one pass is the servers' for it (the bench's own thread only waits meanwhile).
 */
final class AgentBenchChild implements AutoCloseable {

    private static final long ANSWER_MINUTES = 5;
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** Put on {@link #answers} when the app's stdout ends. */
    private static final String GONE = "\u0000gone";
    private static final int KEPT_LINES = 5;

    private final String side;
    private final Process process;
    private final Writer commands;
    private final Path log;
    private final Path figuresFile;
    private final Path trace;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    /** The app's last lines of other output (a library's), for the message when it fails. */
    private final Deque<String> otherOutput = new ArrayDeque<>();
    private final Thread reader;
    private long passBytes = -1;
    private long serverCpuNanos;

    private AgentBenchChild(String side, Process process, Path log, Path figuresFile, Path trace) {
        this.side = side;
        this.process = process;
        this.log = log;
        this.figuresFile = figuresFile;
        this.trace = trace;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(this::readAnswers, "bench-agent-child-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code command} (its stderr to {@code log}) and waits until the app is ready: its client built. {@code trace}
     * is the trace the agent writes, or null without the agent.
     */
    static AgentBenchChild start(String side, List<String> command, Map<String, String> env, Path log, Path figuresFile,
                                 Path trace) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(env);
        AgentBenchChild child = new AgentBenchChild(side, builder.start(), log, figuresFile, trace);
        try {
            child.await(AgentBenchFigures.READY);
            return child;
        } catch (IOException | RuntimeException | InterruptedException e) {
            child.close();
            throw e;
        }
    }

    /** Warms the app up until it is steady (its own rule, the same on both sides). */
    void warmUp() throws IOException, InterruptedException {
        send(AgentBenchFigures.WARM);
        await(AgentBenchFigures.WARMED);
    }

    /** One timed pass; every pass must read the same bytes. */
    void pass() throws IOException, InterruptedException {
        long cpu0 = OS.getProcessCpuTime();
        send(AgentBenchFigures.PASS);
        String passed = await(AgentBenchFigures.PASSED).trim(); // BYTES NANOS
        serverCpuNanos += OS.getProcessCpuTime() - cpu0;
        long bytes = Long.parseLong(passed.substring(0, passed.indexOf(' ')));
        if (passBytes >= 0 && bytes != passBytes) {
            throw new IllegalStateException("bench agent: " + side + " read " + bytes + " bytes in a pass, "
                    + passBytes + " in the one before; the same data was expected every time");
        }
        passBytes = bytes;
    }

    /** Ends the app and reads what it measured, with the servers' CPU over its passes. */
    AgentBenchJvm.Figures end() throws IOException, InterruptedException {
        send(AgentBenchFigures.END);
        await(AgentBenchFigures.ENDED);
        if (!process.waitFor(ANSWER_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw failure("did not exit cleanly after its figures");
        }
        Properties figures = new Properties();
        try (Reader r = Files.newBufferedReader(figuresFile)) {
            figures.load(r);
        }
        long traceBytes = trace != null && Files.exists(trace) ? Files.size(trace) : 0;
        return AgentBenchJvm.parse(figures, traceBytes).withServerCpu(serverCpuNanos);
    }

    private void send(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
    }

    /** Waits for the answer {@code expected}, returning what follows it on its line. */
    private String await(String expected) throws IOException, InterruptedException {
        String line = answers.poll(ANSWER_MINUTES, TimeUnit.MINUTES);
        if (line == null) {
            throw failure("did not answer '" + expected + "' within " + ANSWER_MINUTES + " min");
        }
        String prefix = AgentBenchFigures.ANSWER + " " + expected;
        if (line.equals(GONE) || !line.startsWith(prefix)) {
            throw failure(line.equals(GONE) ? "ended before answering '" + expected + "'"
                    : "answered '" + line + "' where '" + prefix + "' was expected");
        }
        return line.substring(prefix.length());
    }

    private IOException failure(String what) throws InterruptedException {
        process.waitFor(10, TimeUnit.SECONDS);
        String exit = process.isAlive() ? "still running" : "exit " + process.exitValue();
        String last;
        try {
            // the last line that is not a stack frame: an exception's own line says what went wrong
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                    .toList();
            last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            last = "(its log " + log + " cannot be read: " + e.getMessage() + ")";
        }
        synchronized (otherOutput) {
            return new IOException("bench agent: " + side + " " + what + " (" + exit + "); its last output: "
                    + (last.isEmpty() ? String.join(" | ", otherOutput) : last) + "; its log: " + keptLog());
        }
    }

    /** The child's log copied out of the bench's work directory, which is deleted when the bench ends. */
    private String keptLog() {
        try {
            return Files.copy(log, Files.createTempFile("sluice-bench-agent-child-", ".log"),
                    StandardCopyOption.REPLACE_EXISTING).toString();
        } catch (IOException e) {
            return log + " (deleted with the bench's work directory: it could not be copied out: " + e.getMessage() + ")";
        }
    }

    private void readAnswers() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(AgentBenchFigures.ANSWER + " ")) {
                    answers.add(line);
                } else {
                    synchronized (otherOutput) {
                        otherOutput.addLast(line);
                        if (otherOutput.size() > KEPT_LINES) {
                            otherOutput.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the app died or was killed: await() reports it with the app's own exit and output
            synchronized (otherOutput) {
                otherOutput.addLast("(its output could not be read: " + e.getMessage() + ")");
            }
        } finally {
            answers.add(GONE);
        }
    }

    /** Kills the app if it is still running (a failed round), and waits for its output to be read. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        try {
            commands.close();
        } catch (IOException e) {
            throw new UncheckedIOException("bench agent: cannot close " + side + "'s commands", e);
        }
    }
}
