package dev.sluice.agent;

import dev.sluice.cli.SluiceCommand;
import dev.sluice.event.AppEvent;
import dev.sluice.trace.TraceReader;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs a user app as a child JVM with {@code -javaagent:target/sluice-agent.jar=OPTIONS} and reads its
 * trace with {@code sluice check}, for the Flight and Delta agent ITs. The child's class path is the
 * libraries and the test classes, never Sluice's own classes nor Byte Buddy: the agent must bring those.
 */
final class AgentRuns {

    static final Path BASE = Path.of(System.getProperty("sluice.basedir", ".")).toAbsolutePath();
    static final Path AGENT = BASE.resolve("target/sluice-agent.jar");
    /** Only stops a hang; the apps take a few seconds. */
    private static final long APP_SECONDS = 120;
    private static final Pattern FINDING = Pattern.compile("(?m)^\\S+\\s+([A-Z_]+)\\s");

    record AppRun(int code, String output) { }

    record Check(int code, String out, List<String> codes) { }

    private AgentRuns() {
    }

    /** Runs {@code app} with the agent's {@code options}; its output is kept in {@code dir}. */
    static AppRun run(Path dir, Class<?> app, String options, String... args) throws IOException, InterruptedException {
        Path log = dir.resolve(app.getSimpleName() + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + AGENT + "=" + options, "-cp", appClassPath(), app.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(APP_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(app.getSimpleName() + " did not end within " + APP_SECONDS + " s: " + Files.readString(log));
        }
        return new AppRun(process.exitValue(), Files.readString(log));
    }

    /** The test class path without Sluice's main classes and Byte Buddy. */
    private static String appClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !p.endsWith("target/classes") && !p.contains("/net/bytebuddy/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** {@code sluice check TRACE}: exit code, output and the finding codes in order. */
    static Check check(Path trace) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceCommand.execute(new PrintWriter(out), new PrintWriter(err), "check", trace.toString());
        String text = out + err.toString();
        List<String> codes = new ArrayList<>();
        Matcher m = FINDING.matcher(text);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return new Check(code, text, codes);
    }

    /** The agent's notes in the trace (a disabled probe says so in one). */
    static List<String> notes(Path trace) throws Exception {
        return TraceReader.readAll(trace).events().stream().filter(e -> e.body() instanceof AppEvent.Note)
                .map(e -> ((AppEvent.Note) e.body()).text()).toList();
    }

    /** How many events of {@code kind} the trace holds. */
    static long count(Path trace, Class<?> kind) throws Exception {
        return TraceReader.readAll(trace).events().stream().filter(e -> kind.isInstance(e.body())).count();
    }
}
