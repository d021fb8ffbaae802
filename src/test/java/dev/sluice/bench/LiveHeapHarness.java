package dev.sluice.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * One-JVM harness for the live model's heap (not a test): {@link LiveModelHeap} for a few counts of events, with the
 * classes that hold what the model kept and the fold's CPU per event (events built too), to compare two builds on
 * the same machine in alternation.
 * Run: {@code java -cp target/classes:target/test-classes:CP dev.sluice.bench.LiveHeapHarness [events...]}.
 */
public final class LiveHeapHarness {

    private LiveHeapHarness() {
    }

    public static void main(String[] args) throws Exception {
        long[] sizes = args.length == 0 ? new long[] {300_000, 600_000, 1_200_000, 2_400_000}
                : Arrays.stream(args).mapToLong(Long::parseLong).toArray();
        for (long n : sizes) {
            LiveModelHeap.Measured m = LiveModelHeap.measure(n);
            System.out.printf("%,d events: %.2f MiB per million events (%.1f B/event), fold %.0f ns CPU per event, "
                    + "load %.2f%n", n, m.mibPerMillion(), m.bytes() / (double) n, m.cpuNanos() / (double) n,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            m.after().grownLines(m.before(), 12, n).forEach(line -> System.out.println("    " + line));
        }
    }
}
