package dev.sluice.cli;

import dev.sluice.profile.Profile;
import dev.sluice.profile.ProfileException;
import dev.sluice.profile.ProfileStore;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.scenario.Secrets;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, description = {"Run a scenario headless on the embedded defaults and print its findings.",
        "Every setting, the timeout and the --record path are checked before anything starts.",
        "Exit 0 when it ran (whatever it found), 2 when it could not run or its analysis failed (one line on stderr)."})
final class RunCommand implements Callable<Integer>, SluiceCommand.Verbose {

    /** The longest run the command accepts: a day. */
    static final long MAX_TIMEOUT_SECONDS = 86_400;

    /** How the findings are printed. */
    enum Format { TEXT, JSON }

    /** {@code text} or {@code json}, in any case. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format f : Format.values()) {
                if (f.name().equalsIgnoreCase(value.trim())) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("must be text or json, got '" + value + "'");
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A name from 'sluice scenarios'.")
    String scenario;

    @Option(names = "--record", paramLabel = "FILE", description = "Record the run to a .sluice trace (its directory must exist).")
    Path record;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting (repeatable; 'sluice scenarios -v' lists them).")
    List<String> assignments = List.of();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where embedded servers and tables keep files.")
    Path dataDir;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Apply a connection profile of profiles.toml ('sluice profiles list') under any --set.")
    String profile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Stop the run after this many seconds, 1 to " + MAX_TIMEOUT_SECONDS + " (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--format", defaultValue = "text", converter = FormatConverter.class,
            description = "text or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--verbose", description = "Show the stack trace of a failure and Sluice's debug log.")
    boolean verbose;

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String who = "sluice run " + scenario + ": ";
        Scenario s = ScenarioRegistry.find(scenario).orElse(null);
        if (s == null) {
            err.println("sluice run: no scenario named '" + scenario + "'; known: "
                    + ScenarioRegistry.all().stream().map(Scenario::name).collect(Collectors.joining(", ")));
            return SluiceCommand.CANNOT_RUN;
        }
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            err.println(who + "--timeout " + timeoutSeconds + ": must be a whole number of seconds from 1 to "
                    + MAX_TIMEOUT_SECONDS);
            return SluiceCommand.CANNOT_RUN;
        }
        ScenarioRunner.Options options = ScenarioRunner.Options.defaults()
                .withRecord(record)
                .withTimeout(Duration.ofSeconds(timeoutSeconds));
        if (dataDir != null) {
            options = options.withDataDir(dataDir);
        }
        RunResult result;
        try {
            Map<String, String> overrides = new LinkedHashMap<>();
            if (profile != null) {
                Profile p = profile(who, err);
                if (p == null) {
                    return SluiceCommand.CANNOT_RUN;
                }
                // a profile names every part; a scenario takes the settings it declares (S3 keys for an S3 run)
                Set<String> declared = s.settings().stream().map(Setting::key).collect(Collectors.toSet());
                p.overrides().forEach((key, value) -> {
                    if (declared.contains(key)) {
                        overrides.put(key, value);
                    }
                });
                options = options.withProfile(p.name());
            }
            for (String a : assignments) {
                Map.Entry<String, String> e = Settings.parseAssignment(a);
                overrides.put(e.getKey(), e.getValue());
            }
            result = ScenarioRunner.run(s, options.withOverrides(overrides));
        } catch (IllegalArgumentException e) {
            // refused before anything started: a setting, the timeout or the --record path
            err.println(who + Secrets.redact(e.getMessage()));
            return SluiceCommand.CANNOT_RUN;
        }
        return report(s.name(), result, format, verbose, out, err);
    }

    /** The profile named by --profile, or null after saying on {@code err} why there is none. */
    private Profile profile(String who, PrintWriter err) {
        ProfileStore store = ProfileStore.user();
        try {
            List<Profile> all = store.load();
            for (Profile p : all) {
                if (p.name().equals(profile)) {
                    return p;
                }
            }
            err.println(who + "--profile " + profile + ": no such profile in " + store.file() + "; known: "
                    + all.stream().map(Profile::name).collect(Collectors.joining(", ")));
        } catch (ProfileException e) {
            err.println(who + "--profile " + profile + ": " + e.getMessage());
        }
        return null;
    }

    /**
     * Prints how the run went: the summary line (with what failed, counted from the events), the
     * findings, and on stderr what went wrong; returns the exit code (2 when the run or its
     * analysis failed).
     */
    static int report(String scenario, RunResult result, Format format, boolean verbose, PrintWriter out,
                      PrintWriter err) {
        String who = "sluice run " + scenario + ": ";
        String failed = result.tally().text();
        String recorded = result.trace() == null ? ""
                : result.recordingFailed() ? ", recording failed: " + result.trace() + " is incomplete"
                : ", recorded to " + result.trace();
        if (!result.analysisComplete() && format == Format.JSON) {
            FindingsPrinter.jsonAnalysisFailed(Secrets.redact(ScenarioRunner.describe(result.sinkFailures().get(0))), out);
        } else if (!result.analysisComplete()) {
            // the findings are a partial list: say so instead of printing them as the result
            out.printf("%s: %s, %d events%s, analysis failed%s%n", scenario, result.outcome().id(), result.events(),
                    failed.isEmpty() ? "" : ", " + failed, recorded);
        } else if (format == Format.JSON) {
            FindingsPrinter.json(result.findings(), out);
        } else {
            out.printf("%s: %s, %d events, %s%d finding(s)%s%n", scenario, result.outcome().id(), result.events(),
                    failed.isEmpty() ? "" : failed + ", ", result.findings().size(),
                    result.trace() == null ? "" : ", recorded to " + result.trace());
            FindingsPrinter.text(result.findings(), out);
        }
        out.flush();
        if (!result.droppedByKind().isEmpty()) {
            err.println("sluice run: events dropped: " + result.droppedByKind());
        }
        for (Throwable t : result.sinkFailures()) {
            err.println(who + "analysis failed: " + Secrets.redact(ScenarioRunner.describe(t)));
        }
        if (result.error() != null) {
            err.println(who + "could not run: " + Secrets.redact(ScenarioRunner.describe(result.error())));
            if (verbose) {
                result.error().printStackTrace(err);
            }
            err.flush();
            return SluiceCommand.CANNOT_RUN;
        }
        err.flush();
        return result.sinkFailures().isEmpty() ? 0 : SluiceCommand.CANNOT_RUN;
    }
}
