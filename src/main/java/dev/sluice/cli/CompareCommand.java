package dev.sluice.cli;

import dev.sluice.compare.ComparedRun;
import dev.sluice.compare.Comparison;
import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.scenario.FindingsSink;
import dev.sluice.source.SourceException;
import dev.sluice.trace.TraceContents;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true, description = {
        "Compare two recorded runs: findings gone, stayed and new, and each engine's headline figures side by side.",
        "Exit 0: B has no finding A lacks and no figure is worse than A beyond the tolerance (the fix holds); "
                + "1: otherwise; 2: a trace cannot be read or its analysis failed."})
final class CompareCommand implements Callable<Integer> {

    static final int HOLDS = 0;
    static final int DOES_NOT_HOLD = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The run before (a .sluice file).")
    String before;

    @Parameters(index = "1", paramLabel = "B", description = "The run after, e.g. with the fix (a .sluice file).")
    String after;

    @Option(names = "--format", defaultValue = "text", converter = RunCommand.FormatConverter.class,
            description = "text or json (default ${DEFAULT-VALUE}).")
    RunCommand.Format format;

    @Option(names = "--tolerance", paramLabel = "PCT", defaultValue = "20",
            description = "How much worse than A a rate, a stall time, conflicts or retries of B may be, in percent "
                    + "of A, 0 to 1000 (default ${DEFAULT-VALUE}); failed requests and lost rows may never rise.")
    double tolerance;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(tolerance >= 0 && tolerance <= 1000)) {
            err.println("sluice compare: --tolerance " + tolerance + ": must be a percentage from 0 to 1000");
            return SluiceCommand.CANNOT_RUN;
        }
        ComparedRun a;
        ComparedRun b;
        try {
            a = load(before, "sluice compare: ", err);
            b = load(after, "sluice compare: ", err);
        } catch (SourceException e) {
            err.println("sluice compare: " + e.getMessage());
            return SluiceCommand.CANNOT_RUN;
        } catch (AnalysisFailed e) {
            err.println("sluice compare: " + e.getMessage());
            return SluiceCommand.CANNOT_RUN;
        }
        Comparison c = Comparison.of(a, b, tolerance);
        if (format == RunCommand.Format.JSON) {
            ComparisonPrinter.json(c, out);
        } else {
            ComparisonPrinter.text(c, out);
        }
        out.flush();
        err.flush();
        return c.holds() ? HOLDS : DOES_NOT_HOLD;
    }

    /** A trace and the findings the detectors make of it; an incomplete trace is used as far as it goes, with a warning after {@code who}. */
    static ComparedRun load(String argument, String who, PrintWriter err)
            throws SourceException, InterruptedException, AnalysisFailed {
        TraceContents contents = CheckCommand.open(argument);
        if (contents.warning() != null) {
            err.println(who + argument + ": " + contents.warning());
        }
        List<Finding> findings;
        try {
            findings = FindingsSink.replay(contents, new DetectorSuite());
        } catch (RuntimeException e) {
            // a detector that throws must never read as "no findings"
            throw new AnalysisFailed(argument + ": analysis failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        return new ComparedRun(argument, contents.run(), contents.events(), findings);
    }

    /** The detectors failed on a trace: one line naming it and why. */
    static final class AnalysisFailed extends Exception {
        private static final long serialVersionUID = 1L;

        AnalysisFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
