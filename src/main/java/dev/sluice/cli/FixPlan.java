package dev.sluice.cli;

import dev.sluice.compare.ComparedRun;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.Fix;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.scenario.Settings;
import dev.sluice.source.SourceException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code sluice run --fix CODE} and {@code --fix-from TRACE} add to a run: the fix, and for a
 * trace the run to repeat (its scenario, settings and connection profile). Every refusal is an
 * {@link IllegalArgumentException} with one line, before anything starts.
 *
 * @param scenario the trace's scenario, or null for {@code --fix} alone
 * @param settings the trace's settings (some may be {@link Settings#REDACTED}), empty for {@code --fix} alone
 * @param profile  the connection profile the trace names, or null
 * @param finding  the finding whose fix this is, or null for {@code --fix} alone
 * @param trace    the trace, or null
 */
record FixPlan(FindingCode code, Fix fix, String scenario, Map<String, String> settings, String profile,
               Finding finding, Path trace) {

    /** {@code --fix CODE}: the code's own fix as settings. */
    static FixPlan ofCode(String codeArgument) {
        FindingCode code = code(codeArgument);
        if (code.fix() == null) {
            throw new IllegalArgumentException("--fix " + code + ": " + code + " has no fix as settings of its own "
                    + "(its fix is in code, or depends on the run: --fix-from TRACE takes a recorded finding's); "
                    + "codes with one: " + Arrays.stream(FindingCode.values()).filter(c -> c.fix() != null)
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
        return new FixPlan(code, code.fix(), null, Map.of(), null, null, null);
    }

    /** {@code --fix-from TRACE [--fix CODE]}: the fix of the trace's first finding that has one (of that code). */
    static FixPlan fromTrace(Path trace, String codeArgument, PrintWriter err) throws InterruptedException {
        FindingCode code = codeArgument == null ? null : code(codeArgument);
        ComparedRun recorded;
        try {
            recorded = CompareCommand.load(trace.toString(), "sluice run: --fix-from ", err);
        } catch (SourceException | CompareCommand.AnalysisFailed e) {
            throw new IllegalArgumentException("--fix-from " + e.getMessage(), e);
        }
        List<Finding> findings = recorded.findings();
        String from = "--fix-from " + trace + ": ";
        String found = findings.isEmpty() ? "it has no findings"
                : "its findings: " + findings.stream().map(f -> f.code().name()).distinct().collect(Collectors.joining(", "));
        List<Finding> candidates = findings.stream().filter(f -> code == null || f.code() == code).toList();
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException(from + "the trace has no " + code + " finding; " + found);
        }
        Finding chosen = candidates.stream().filter(f -> f.settingFix() != null).findFirst().orElseThrow(() ->
                new IllegalArgumentException(from + (code == null ? "no finding" : "no " + code + " finding")
                        + " has a fix as settings (its fix is in code: " + candidates.get(0).fix() + "); " + found));
        return new FixPlan(chosen.code(), chosen.settingFix(), recorded.run().scenario(), recorded.run().settings(),
                profile(recorded.events()), chosen, trace);
    }

    private static FindingCode code(String argument) {
        try {
            return FindingCode.valueOf(argument.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fix " + argument + ": no such finding code; known: "
                    + Arrays.stream(FindingCode.values()).map(Enum::name).collect(Collectors.joining(", ")), e);
        }
    }

    /** The profile a trace's run note names, or null. */
    private static String profile(List<Event> events) {
        for (Event e : events) {
            if (e.body() instanceof AppEvent.Note n && n.text().startsWith(ScenarioRunner.PROFILE_NOTE)) {
                return n.text().substring(ScenarioRunner.PROFILE_NOTE.length());
            }
        }
        return null;
    }

    /** Where the fixed run of {@code trace} is recorded unless --record says: {@code run.sluice} → {@code run-fixed.sluice}. */
    static Path fixedTrace(Path trace) {
        String name = trace.getFileName().toString();
        String stem = name.endsWith(".sluice") ? name.substring(0, name.length() - ".sluice".length()) : name;
        return trace.resolveSibling(stem + "-fixed.sluice");
    }

    /** {@code FLOW_CONTROL_STALL: flight.strategy=drain}, for the run's summary. */
    String describe() {
        return "with the fix of " + code + ": " + fix.assignments();
    }
}
