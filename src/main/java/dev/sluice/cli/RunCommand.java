package dev.sluice.cli;

import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.scenario.Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", description = {"Run a scenario headless on the embedded defaults and print its findings.",
        "Exit 0 when it ran (whatever it found), 2 when it could not run or its analysis failed."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A name from 'sluice scenarios'.")
    String scenario;

    @Option(names = "--record", paramLabel = "FILE", description = "Record the run to a .sluice trace.")
    Path record;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting (repeatable).")
    List<String> assignments = List.of();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where embedded servers and tables keep files.")
    Path dataDir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Stop the run after this many seconds (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--format", defaultValue = "text", description = "text or json.")
    String format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario s = ScenarioRegistry.find(scenario).orElse(null);
        if (s == null) {
            err.println("sluice run: no scenario named '" + scenario + "'; known: "
                    + ScenarioRegistry.all().stream().map(Scenario::name).collect(Collectors.joining(", ")));
            return 2;
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        ScenarioRunner.Options options = ScenarioRunner.Options.defaults()
                .withRecord(record)
                .withTimeout(Duration.ofSeconds(timeoutSeconds));
        if (dataDir != null) {
            options = options.withDataDir(dataDir);
        }
        RunResult result;
        try {
            for (String a : assignments) {
                Map.Entry<String, String> e = Settings.parseAssignment(a);
                overrides.put(e.getKey(), e.getValue());
            }
            result = ScenarioRunner.run(s, options.withOverrides(overrides));
        } catch (IllegalArgumentException e) {
            err.println("sluice run " + scenario + ": " + e.getMessage());
            return 2;
        }
        return report(s.name(), result, format, out, err);
    }

    /**
     * Prints how the run went: the summary line (with what failed, counted from the events), the
     * findings, and on stderr what went wrong; returns the exit code (2 when the run or its
     * analysis failed).
     */
    static int report(String scenario, RunResult result, String format, PrintWriter out, PrintWriter err) {
        String failed = result.tally().text();
        if (!result.analysisComplete()) {
            // the findings are a partial list: say so instead of printing them as the result
            out.printf("%s: %s, %d events%s, analysis failed%s%n", scenario, result.outcome(), result.events(),
                    failed.isEmpty() ? "" : ", " + failed, result.trace() == null ? "" : ", recorded to " + result.trace());
        } else if ("json".equals(format)) {
            FindingsPrinter.json(result.findings(), out);
        } else {
            out.printf("%s: %s, %d events, %s%d finding(s)%s%n", scenario, result.outcome(), result.events(),
                    failed.isEmpty() ? "" : failed + ", ", result.findings().size(),
                    result.trace() == null ? "" : ", recorded to " + result.trace());
            FindingsPrinter.text(result.findings(), out);
        }
        out.flush();
        if (!result.droppedByKind().isEmpty()) {
            err.println("sluice run: events dropped: " + result.droppedByKind());
        }
        for (Throwable t : result.sinkFailures()) {
            err.println("sluice run " + scenario + ": analysis failed: "
                    + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()));
        }
        if (result.error() != null) {
            err.println("sluice run " + scenario + ": could not run: " + result.error().getMessage());
        }
        err.flush();
        return result.error() == null && result.sinkFailures().isEmpty() ? 0 : 2;
    }
}
