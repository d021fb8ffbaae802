package dev.sluice.bench;

import dev.sluice.detect.Detector;
import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.FindingLog;
import dev.sluice.event.Event;
import dev.sluice.scenario.FindingsSink;
import dev.sluice.source.SourceFormats;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code sluice bench check}: what {@code sluice check} does, end to end (the trace streamed through
 * every detector in one pass), on a synthetic trace of the realistic mix; beside Arrow's own batch
 * load of the same file and Sluice's read alone, same run; then each detector alone over the
 * events already read, to show which one bounds the pass. The check runs on one thread, so its CPU
 * time gives the one-core rate beside the wall-clock one.
 */
final class CheckBench implements Benchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int WARM_PASSES = 3;

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String description() {
        return "check end to end (read + all detectors) events/s, beside Arrow's batch load and the read alone";
    }

    @Override
    public BenchReport run(boolean quick) throws Exception {
        long events = quick ? 1_000_000 : 5_000_000; // the per-detector figures hold every event in memory
        Path file = Files.createTempFile("sluice-bench-check", ".sluice");
        try {
            ReplayBench.write(file, events);
            // untimed passes warm the JIT and the page cache: on a loaded machine one pass leaves the row
            // loop's compilation unfinished, and the timed read measured the JIT's queue
            for (int warm = 0; warm < WARM_PASSES; warm++) {
                ReplayBench.arrowOnly(file);
                check(file);
                TraceReader.forEach(file, e -> { });
            }
            double arrowSeconds = ReplayBench.arrowOnly(file);
            long readCpu0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long[] counted = new long[1];
            TraceReader.forEach(file, e -> counted[0]++);
            long read = counted[0];
            double readSeconds = (System.nanoTime() - t0) / 1e9;
            double readCpuSeconds = (THREADS.getCurrentThreadCpuTime() - readCpu0) / 1e9;
            if (read != events) {
                throw new IllegalStateException("read " + read + " of " + events + " events");
            }
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            double checkSeconds = check(file);
            double checkCpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
            BenchReport report = new BenchReport(name());
            report.figure("Arrow batch load (baseline)", events / arrowSeconds, "rows/s");
            report.figure("Sluice read alone", events / readSeconds, "events/s");
            report.figure("Sluice read alone, per CPU second of the reading thread", events / readCpuSeconds, "events/s");
            report.figure("check end to end (read + all detectors)", events / checkSeconds, "events/s", ">= 10000000");
            report.figure("check / Arrow batch load", arrowSeconds / checkSeconds, "x");
            // the whole check runs on this thread: its CPU time is the one core the goal speaks of
            report.figure("check on one core (events per CPU second of the checking thread)",
                    events / checkCpuSeconds, "events/s", ">= 10000000");
            report.figure("checking thread's share of a core during check", checkCpuSeconds / checkSeconds, "x");
            TraceContents loaded = TraceReader.readAll(file);
            // the detectors' own pass, on this thread over events already read: routed by kind, and as before
            detectOnly(loaded, DetectorSuite.unrouted(DetectorSuite.standard()));
            detectOnly(loaded, new DetectorSuite());
            double unroutedSeconds = detectOnly(loaded, DetectorSuite.unrouted(DetectorSuite.standard()));
            double routedSeconds = detectOnly(loaded, new DetectorSuite());
            report.figure("all detectors over events in memory, every detector every event (baseline)",
                    events / unroutedSeconds, "events/s");
            report.figure("all detectors over events in memory, routed by kind", events / routedSeconds, "events/s",
                    ">= 10000000");
            report.figure("routed / every detector every event", unroutedSeconds / routedSeconds, "x");
            for (Detector d : DetectorSuite.standard()) {
                long d0 = System.nanoTime();
                FindingsSink.replay(loaded, new DetectorSuite(List.of(d)));
                double seconds = (System.nanoTime() - d0) / 1e9;
                report.figure("detector " + d.getClass().getSimpleName() + " alone", events / seconds, "events/s");
            }
            report.note(events + " events of the replay benchmark's mix; as in check, the read and the detectors run"
                    + " on the calling thread, each event to the detectors as it is decoded; cores: "
                    + Runtime.getRuntime().availableProcessors());
            return report;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Seconds {@code suite} takes over the events on this thread (no read, no pipeline). */
    private static double detectOnly(TraceContents loaded, DetectorSuite suite) {
        FindingLog log = new FindingLog();
        long t0 = System.nanoTime();
        suite.open(loaded.run());
        for (Event e : loaded.events()) {
            suite.onEvent(e, log);
        }
        suite.onEnd(log, loaded.complete());
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Seconds `check` takes: the trace streamed through every detector in one pass, as the command does. */
    private static double check(Path file) throws Exception {
        long t0 = System.nanoTime();
        FindingsSink.check(SourceFormats.standard().open(file.toString()), new DetectorSuite());
        return (System.nanoTime() - t0) / 1e9;
    }
}
