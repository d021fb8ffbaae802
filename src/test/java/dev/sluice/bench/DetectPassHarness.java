package dev.sluice.bench;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.FindingLog;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A one-JVM harness (not a unit test: run its {@code main} by hand) for the detectors' own pass over
 * the benchmark's mix held in memory: warm rounds, then timed rounds, CPU ns per event of this thread.
 * For profiling with JFR: {@code -XX:StartFlightRecording=filename=x.jfr,settings=profile}.
 */
public final class DetectPassHarness {

    private DetectPassHarness() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        SyntheticEvents source = new SyntheticEvents("bench");
        List<Event> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(source.next());
        }
        RunInfo run = new RunInfo("bench", "bench-replay", Map.of(), Instant.now(), RunInfo.currentVersion());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            DetectorSuite suite = new DetectorSuite();
            FindingLog log = new FindingLog();
            suite.open(run);
            for (Event e : events) {
                suite.onEvent(e, log);
            }
            suite.onEnd(log, true);
            double ns = (threads.getCurrentThreadCpuTime() - cpu0) / (double) n;
            System.out.printf("round %d: %.1f CPU ns/event (%.2f M events per CPU second), %d findings%n", r, ns,
                    1e3 / ns, log.sorted().size());
        }
    }
}
