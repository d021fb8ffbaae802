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
import dev.sluice.trace.TraceCompression;
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

    /** {@code --compress} of run and import: a trace compression by its id. */
    static final class CompressionConverter implements CommandLine.ITypeConverter<TraceCompression> {
        @Override
        public TraceCompression convert(String value) {
            try {
                return TraceCompression.byId(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "A name from 'sluice scenarios' (with --fix-from: the trace's, if given at all).")
    String scenario;

    @Option(names = "--fix", paramLabel = "CODE", description = "Run with the fix of a finding code as settings "
            + "(over --set and --profile); with --fix-from: which finding of the trace.")
    String fixCode;

    @Option(names = "--fix-from", paramLabel = "TRACE", description = "Repeat the run of TRACE (scenario, settings, "
            + "profile) with the fix of its first finding that has one as settings; recorded (default TRACE-fixed.sluice).")
    Path fixFrom;

    @Option(names = "--record", paramLabel = "FILE", description = "Record the run to a .sluice trace (its directory must exist).")
    Path record;

    @Option(names = "--compress", paramLabel = "CODEC", converter = CompressionConverter.class, defaultValue = "none",
            description = "Compress the recorded trace: zstd or lz4 (Arrow IPC body compression; trace-format.md says which readers "
                    + "read it), or none (default).")
    TraceCompression compress;

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
        FixPlan plan;
        try {
            plan = fixFrom != null ? FixPlan.fromTrace(fixFrom, fixCode, err) : fixCode != null ? FixPlan.ofCode(fixCode) : null;
        } catch (IllegalArgumentException e) {
            err.println("sluice run" + (scenario == null ? "" : " " + scenario) + ": " + Secrets.redact(e.getMessage()));
            return SluiceCommand.CANNOT_RUN;
        }
        String name = plan != null && plan.scenario() != null ? plan.scenario() : scenario;
        if (name == null) {
            err.println("sluice run: SCENARIO is missing: give a name from 'sluice scenarios', or --fix-from TRACE");
            return SluiceCommand.CANNOT_RUN;
        }
        if (plan != null && plan.scenario() != null && scenario != null && !scenario.equals(plan.scenario())) {
            err.println("sluice run " + scenario + ": --fix-from " + fixFrom + " is a run of " + plan.scenario()
                    + "; leave SCENARIO out or name that one");
            return SluiceCommand.CANNOT_RUN;
        }
        String who = "sluice run " + name + ": ";
        Scenario s = ScenarioRegistry.find(name).orElse(null);
        if (s == null) {
            err.println("sluice run: no scenario named '" + name + "'; known: "
                    + ScenarioRegistry.all().stream().map(Scenario::name).collect(Collectors.joining(", ")));
            return SluiceCommand.CANNOT_RUN;
        }
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            err.println(who + "--timeout " + timeoutSeconds + ": must be a whole number of seconds from 1 to "
                    + MAX_TIMEOUT_SECONDS);
            return SluiceCommand.CANNOT_RUN;
        }
        Path recordTo = record == null && plan != null && plan.trace() != null ? FixPlan.fixedTrace(plan.trace()) : record;
        ScenarioRunner.Options options = ScenarioRunner.Options.defaults()
                .withRecord(recordTo)
                .withCompression(compress)
                .withTimeout(Duration.ofSeconds(timeoutSeconds));
        if (dataDir != null) {
            options = options.withDataDir(dataDir);
        }
        RunResult result;
        try {
            Map<String, String> overrides = new LinkedHashMap<>();
            String profileName = profile != null ? profile : plan == null ? null : plan.profile();
            if (profileName != null) {
                Profile p = profile(profileName, who, err);
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
            if (plan != null) {
                // the recorded run's values, except those redacted in the trace: the profile or --set gives them
                plan.settings().forEach((key, value) -> {
                    if (!Settings.REDACTED.equals(value)) {
                        overrides.put(key, value);
                    }
                });
            }
            for (String a : assignments) {
                Map.Entry<String, String> e = Settings.parseAssignment(a);
                overrides.put(e.getKey(), e.getValue());
            }
            if (plan != null) {
                applyFix(plan, s, overrides);
            }
            result = ScenarioRunner.run(s, options.withOverrides(overrides));
        } catch (IllegalArgumentException e) {
            // refused before anything started: a setting, the fix, the timeout or the --record path
            err.println(who + Secrets.redact(e.getMessage()));
            return SluiceCommand.CANNOT_RUN;
        }
        int code = report(s.name(), result, format, verbose, out, err);
        if (plan != null && format == Format.TEXT) {
            out.println(s.name() + ": ran " + plan.describe() + (plan.trace() != null && result.trace() != null
                    ? "; compare: sluice compare " + plan.trace() + " " + result.trace() : ""));
            out.flush();
        }
        return code;
    }

    /** The fix over {@code overrides}; refused when the scenario does not declare a key or a redacted value is left. */
    private void applyFix(FixPlan plan, Scenario s, Map<String, String> overrides) {
        Set<String> declared = s.settings().stream().map(Setting::key).collect(Collectors.toSet());
        for (String key : plan.fix().settings().keySet()) {
            if (!declared.contains(key)) {
                throw new IllegalArgumentException("--fix " + plan.code() + " sets " + key + ", which " + s.name()
                        + " does not declare ('sluice scenarios -v' lists its settings)");
            }
        }
        for (Map.Entry<String, String> e : plan.settings().entrySet()) {
            if (Settings.REDACTED.equals(e.getValue()) && !overrides.containsKey(e.getKey())) {
                throw new IllegalArgumentException(e.getKey() + " is redacted in " + plan.trace()
                        + "; give it with --set " + e.getKey() + "=VALUE or --profile NAME");
            }
        }
        overrides.putAll(plan.fix().settings());
    }

    /** The profile named by --profile, or null after saying on {@code err} why there is none. */
    private static Profile profile(String profile, String who, PrintWriter err) {
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
