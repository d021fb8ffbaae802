package dev.sluice.cli;

import dev.sluice.bench.BenchReport;
import dev.sluice.bench.BenchUnavailableException;
import dev.sluice.bench.Benchmark;
import dev.sluice.bench.Benchmarks;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark and print its figures (each beside its baseline, as a ratio).")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Benchmark name; 'list' lists them.")
    String name;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Option(names = "--quick", description = "A smaller run, for smoke tests (figures are less stable).")
    boolean quick;

    @Option(names = "--events", paramLabel = "N", description = "Events in the trace of benchmarks that write one "
            + "(open-large: default 50 M, --quick 2 M); the trace is written once per N and reused.")
    Long events;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if ("list".equals(name)) {
            for (Benchmark b : Benchmarks.all()) {
                out.printf("%-16s %s%n", b.name(), b.description());
            }
            out.flush();
            return 0;
        }
        Benchmark b = Benchmarks.find(name).orElse(null);
        if (b == null) {
            spec.commandLine().getErr().println("sluice bench: no benchmark named '" + name + "'; known: "
                    + Benchmarks.all().stream().map(Benchmark::name).collect(Collectors.joining(", ")));
            return 2;
        }
        if (events != null) {
            if (!b.sizedByEvents()) {
                spec.commandLine().getErr().println("sluice bench " + b.name() + ": --events does not apply (it sizes only: "
                        + Benchmarks.all().stream().filter(Benchmark::sizedByEvents).map(Benchmark::name)
                                .collect(Collectors.joining(", ")) + ")");
                return 2;
            }
            System.setProperty(Benchmarks.EVENTS_PROPERTY, Long.toString(events)); // read by the benchmark that sizes by it
        }
        if (!json) {
            out.println("running " + b.name() + ": " + b.description());
            out.flush();
        }
        BenchReport report;
        try {
            report = b.run(quick);
        } catch (BenchUnavailableException e) {
            spec.commandLine().getErr().println("sluice bench " + b.name() + ": " + e.getMessage());
            return 2;
        }
        out.println(json ? report.toJson() : report.toText());
        out.flush();
        return 0;
    }
}
