package dev.sluice.cli;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.scenario.FindingsSink;
import dev.sluice.source.MergedSource;
import dev.sluice.source.RecordedSource;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceFormats;
import dev.sluice.source.pcap.CaptureFormat;
import dev.sluice.trace.TraceContents;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true, description = {"Replay a trace through the detectors and print the findings.",
        "Exit 0: the trace is complete and has no findings; 1: confirmed findings; 2: the trace cannot be read or "
                + "the analysis failed; 3: the trace is incomplete (it ends early) and has no confirmed finding "
                + "(findings that rest on how the run ended are printed as unconfirmed)."})
final class CheckCommand implements Callable<Integer> {

    static final int CLEAN = 0;
    static final int FINDINGS = 1;
    static final int FAILED = 2;
    static final int INCOMPLETE = 3;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TRACE", description = "A .sluice file (or - for standard input), or anything "
            + "`sluice import` reads; several (one per process) merge into one run on one clock.")
    List<String> traces;

    @Option(names = "--profile", paramLabel = "NAME", description = "For an s3:// Delta table: the connection profile "
            + "whose S3 endpoint, region and AWS profile read it (profiles.md).")
    String profile;

    @Option(names = "--port", paramLabel = "N", description = "For a packet capture: read only TCP connections on port N.")
    Integer port;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    String format;

    private final Supplier<DetectorSuite> detectors;

    CheckCommand() {
        this(DetectorSuite::new);
    }

    /** With other detectors (tests inject a failing one). */
    CheckCommand(Supplier<DetectorSuite> detectors) {
        this.detectors = detectors;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!"text".equals(format) && !"json".equals(format)) {
            err.println("sluice check: --format must be text or json");
            return FAILED;
        }
        String trace = String.join(" + ", traces);
        FindingsSink.Checked checked;
        try {
            checked = FindingsSink.check(open(traces), detectors.get());
        } catch (SourceException e) {
            err.println("sluice check: " + e.getMessage());
            return FAILED;
        } catch (FindingsSink.AnalysisFailed e) {
            // a detector that throws must never read as "no findings"; how the trace ends is still said first
            warn(err, trace, e.ending());
            return analysisFailed(err, trace, e.getCause());
        } catch (RuntimeException e) {
            return analysisFailed(err, trace, e);
        }
        RecordedSource.Ending ending = checked.ending();
        warn(err, trace, ending);
        List<Finding> findings = checked.findings();
        long unconfirmed = findings.stream().filter(f -> !f.confirmed()).count();
        if ("json".equals(format)) {
            FindingsPrinter.json(findings, out);
        } else {
            out.printf("%s: run %s of %s, %d events, %d finding(s)%s%n", trace, checked.run().runId(),
                    checked.run().scenario(), checked.events(), findings.size(),
                    ending.complete() ? "" : ", " + unconfirmed + " unconfirmed: the trace ends at +"
                            + FindingsPrinter.seconds(checked.endNanos()));
            FindingsPrinter.text(findings, out);
        }
        out.flush();
        err.flush();
        if (findings.size() > unconfirmed) {
            return FINDINGS;
        }
        return ending.complete() ? CLEAN : INCOMPLETE;
    }

    private static int analysisFailed(PrintWriter err, String trace, Throwable cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        err.println("sluice check: " + trace + ": analysis failed: " + why);
        err.flush();
        return FAILED;
    }

    private static void warn(PrintWriter err, String trace, RecordedSource.Ending ending) {
        if (ending.warning() != null) {
            err.println("sluice check: " + trace + ": " + ending.warning());
        }
    }

    /** One source, or several (one per process) merged on one clock; --profile and --port apply to each. */
    private RecordedSource open(List<String> arguments) throws SourceException {
        List<RecordedSource> sources = new ArrayList<>();
        for (String a : arguments) {
            sources.add(profile != null ? ProfileTables.open(a, profile)
                    : SourceFormats.standard().open(port == null ? a : CaptureFormat.restrictedTo(a, port)));
        }
        return sources.size() == 1 ? sources.get(0) : new MergedSource(sources);
    }

    /** Reads the argument whole through the registered source formats, as `check` does. */
    static TraceContents open(String argument) throws SourceException {
        return SourceFormats.standard().open(argument).readAll();
    }
}
