package dev.sluice.bench;

import dev.sluice.trace.TraceReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One-JVM harness for the load figure (not a test): CPU nanoseconds per event of this thread for
 * Arrow's own batch load and for Sluice's event load of the same file, in interleaved rounds.
 * Run: {@code java -cp target/classes:target/test-classes:CP dev.sluice.bench.LoadHarness [events] [rounds] [file]}.
 */
public final class LoadHarness {

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        Path file = args.length > 2 ? Path.of(args[2]) : Files.createTempFile("sluice-load-harness", ".sluice");
        if (args.length <= 2 || !Files.exists(file) || Files.size(file) == 0) {
            ReplayBench.write(file, events);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AtomicLong sum = new AtomicLong();
        for (int round = 0; round < rounds; round++) {
            long c0 = threads.getCurrentThreadCpuTime();
            ReplayBench.arrowOnly(file);
            long c1 = threads.getCurrentThreadCpuTime();
            TraceReader.forEach(file, e -> sum.addAndGet(e.timeNanos()));
            long c2 = threads.getCurrentThreadCpuTime();
            System.out.printf("round %d: arrow %.1f ns/event, sluice %.1f ns/event, ratio %.3f, load %.2f%n", round,
                    (c1 - c0) / (double) events, (c2 - c1) / (double) events, (c1 - c0) / (double) (c2 - c1),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        if (args.length <= 2) {
            Files.deleteIfExists(file);
        }
    }
}
