package dev.sluice.bench;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.trace.TraceSchema;
import dev.sluice.trace.TraceWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code sluice bench open-large}: writes (or reuses) a large synthetic trace, then opens it as the
 * console does in a child JVM limited to {@code -Xmx1g} ({@link OpenLargeChild}) and scrubs it end
 * to end. The figures: open time, heap and off-heap memory per loaded event, and the FX work per
 * pulse while scrubbing (when the child has a display, or Monocle on its class path, to draw on).
 */
final class OpenLargeBench implements Benchmark {

    static final String HEAP = "1g";
    static final String EVENTS_PROPERTY = Benchmarks.EVENTS_PROPERTY;

    @Override
    public String name() {
        return "open-large";
    }

    @Override
    public boolean sizedByEvents() {
        return true;
    }

    @Override
    public String description() {
        return "open a 50 M-event trace with -Xmx" + HEAP + " as the console does: open time, heap per event, FX work "
                + "per pulse while scrubbing";
    }

    @Override
    public BenchReport run(boolean quick) throws Exception {
        long events = events(quick);
        Path file = trace(events);
        Path out = Files.createTempFile("sluice-open-large", ".properties");
        try {
            Properties figures = child(file, out, quick);
            BenchReport report = new BenchReport(name());
            report.figure("events in the trace", events, "events");
            report.figure("trace size", Files.size(file) / 1048576.0, "MiB");
            report.figure("open time", number(figures, "openSeconds"), "s");
            report.figure("open rate", events / number(figures, "openSeconds"), "events/s");
            report.figure("heap per loaded event", number(figures, "heapBytes") / events, "B", "<= 24");
            report.figure("off-heap per loaded event (direct + mapped)", number(figures, "offHeapBytes") / events, "B");
            report.figure("of which direct buffers", number(figures, "directBytes") / events, "B");
            report.figure("of which mapped from scratch files", number(figures, "mappedBytes") / events, "B");
            report.figure("child JVM resident memory after open", number(figures, "residentBytes") / 1048576.0, "MiB");
            if (figures.containsKey("openParts")) {
                report.note("the open's CPU samples by part: " + figures.getProperty("openParts"));
                report.note("the open's most sampled methods: " + figures.getProperty("openMethods"));
            }
            if (figures.containsKey("pulses")) {
                report.figure("pulses measured while scrubbing", number(figures, "pulses"), "pulses");
                report.figure("FX work per pulse p50 (scrubbing)", number(figures, "workP50") / 1e6, "ms");
                report.figure("FX work per pulse p99 (scrubbing)", number(figures, "workP99") / 1e6, "ms", "<= 8");
                report.note("slowest pulse's view: " + figures.getProperty("slowestView", "not profiled"));
                report.note("slowest pulses (JFR samples of the FX thread, 1 ms each, by view): "
                        + figures.getProperty("slowestPulses", "not profiled"));
                report.note("FX samples by view over all pulses: " + figures.getProperty("samplesByView", "not profiled"));
                report.note("by tab: " + figures.getProperty("byTab", "not profiled"));
                report.note("most sampled methods (view: innermost Sluice method): "
                        + figures.getProperty("hotMethods", "not profiled"));
            } else {
                report.note(figures.getProperty("noUi", "not scrubbed"));
            }
            report.note(events + " events (SyntheticEvents mix) in " + file + " (kept for the next run); child JVM -Xmx"
                    + HEAP + "; cores: " + Runtime.getRuntime().availableProcessors());
            return report;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * 50 M events, {@code --quick} 2 M; {@code --events N} ({@code -Dsluice.bench.events=N}, SLUICE_BENCH_EVENTS) picks any size, so the
     * full-size case can be approached in steps on a shared machine.
     */
    static long events(boolean quick) {
        String given = System.getProperty(EVENTS_PROPERTY, System.getenv("SLUICE_BENCH_EVENTS"));
        if (given == null || given.isBlank()) {
            return quick ? 2_000_000 : 50_000_000;
        }
        long n;
        try {
            n = Long.parseLong(given.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw badEvents(given, e);
        }
        if (n <= 0 || n > Integer.MAX_VALUE) {
            throw badEvents(given, null);
        }
        return n;
    }

    private static IllegalArgumentException badEvents(String given, Exception cause) {
        return new IllegalArgumentException("open-large: " + EVENTS_PROPERTY + " is '" + given
                + "'; it accepts a whole number of events from 1 to " + Integer.MAX_VALUE, cause);
    }

    /**
     * The trace of {@code events} events in the temporary directory; written once, reused by later runs
     * of the same trace format and event mix (both in the name: a file kept from an older build is not one of them).
     */
    private static Path trace(long events) throws Exception {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "sluice-open-large-" + events + "-format"
                + TraceSchema.FORMAT_VERSION + "-mix" + SyntheticEvents.MIX_VERSION + ".sluice");
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path part = Path.of(file + ".part");
        SyntheticEvents source = new SyntheticEvents("bench-open-large");
        TraceWriter writer = new TraceWriter(part);
        writer.open(new RunInfo("bench", "bench-open-large", Map.of(), Instant.now(), RunInfo.currentVersion()));
        List<Event> batch = new ArrayList<>(4096);
        for (long i = 0; i < events; i++) {
            batch.add(source.next());
            if (batch.size() == 4096) {
                writer.accept(batch);
                batch.clear();
            }
        }
        writer.accept(batch);
        writer.close();
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** Runs {@link OpenLargeChild} on this JVM's class path with the bounded heap; its figures come back in a file. */
    private static Properties child(Path file, Path out, boolean quick) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + HEAP, "-XX:+UseG1GC",
                "--add-opens=java.base/java.nio=ALL-UNNAMED")); // Arrow reflects into java.nio
        if (OpenLargeChild.headless()) {
            command.addAll(OpenLargeChild.MONOCLE);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), OpenLargeChild.class.getName(),
                file.toString(), out.toString(), quick ? "quick" : "full"));
        Path log = Files.createTempFile("sluice-open-large", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(quick ? 5 : 20, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly().waitFor();
            if (Files.size(out) == 0) {
                throw new IOException("open-large: the child JVM did not open the trace in time; its output: " + log);
            }
        } else if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
            throw new IOException("open-large: the child JVM exited with " + p.exitValue() + ": " + last);
        }
        Files.delete(log);
        Properties figures = new Properties();
        try (Reader r = Files.newBufferedReader(out)) {
            figures.load(r);
        }
        if (!finished) {
            figures.setProperty("noUi", "scrubbing did not finish in " + (quick ? 5 : 20) + " minutes: opened, not scrubbed");
        }
        return figures;
    }

    private static double number(Properties figures, String key) {
        return Double.parseDouble(figures.getProperty(key, "NaN"));
    }
}
