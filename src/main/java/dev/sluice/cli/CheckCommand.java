package dev.sluice.cli;

import dev.sluice.detect.Finding;
import dev.sluice.scenario.FindingsSink;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceException;
import dev.sluice.trace.TraceReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", description = {"Replay a trace through the detectors and print the findings.",
        "Exit 0: no findings; 1: findings; 2: the trace cannot be read."})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A .sluice file, or - for standard input.")
    String trace;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!"text".equals(format) && !"json".equals(format)) {
            err.println("sluice check: --format must be text or json");
            return 2;
        }
        TraceContents contents;
        try {
            contents = open(trace);
        } catch (TraceException e) {
            err.println("sluice check: " + e.getMessage());
            return 2;
        }
        if (contents.warning() != null) {
            err.println("sluice check: " + trace + ": " + contents.warning());
        }
        List<Finding> findings = FindingsSink.replay(contents);
        if ("json".equals(format)) {
            FindingsPrinter.json(findings, out);
        } else {
            out.printf("%s: run %s of %s, %d events, %d finding(s)%n", trace, contents.run().runId(),
                    contents.run().scenario(), contents.events().size(), findings.size());
            FindingsPrinter.text(findings, out);
        }
        out.flush();
        err.flush();
        return findings.isEmpty() ? 0 : 1;
    }

    /** Standard input paths: a pipe there is the user's own stream, not a named pipe to refuse. */
    private static final java.util.Set<String> STDIN_PATHS = java.util.Set.of("/dev/stdin", "/dev/fd/0", "/proc/self/fd/0");

    /** The TRACE argument: {@code -} (or /dev/stdin) reads standard input; anything else must be a regular file. */
    private static TraceContents open(String argument) throws TraceException {
        boolean stdin = TraceReader.STDIN.equals(argument)
                || (STDIN_PATHS.contains(argument) && !java.nio.file.Files.isRegularFile(Path.of(argument)));
        if (stdin) {
            if (System.console() != null) {
                throw new TraceException(argument, "standard input is a terminal; use `sluice check - < FILE`");
            }
            return TraceReader.readAll(System.in, TraceReader.STDIN);
        }
        Path file;
        try {
            file = Path.of(argument);
        } catch (java.nio.file.InvalidPathException e) {
            throw new TraceException(argument, "is not a valid path", e);
        }
        TraceReader.checkReadable(file);
        return TraceReader.readAll(file);
    }
}
