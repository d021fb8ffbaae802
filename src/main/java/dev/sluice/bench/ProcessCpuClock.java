package dev.sluice.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * The process CPU clock the benchmarks read ({@code OperatingSystemMXBean.getProcessCpuTime()}) and its
 * resolution: on Linux, JDK 17 counts it in scheduler ticks (10 ms), so a pass of 150 ms of CPU reads as 140, 150
 * or 160 — a ratio of two such passes moves by ±7 % on the clock alone. A benchmark sizes its passes for it and says
 * how coarse its shortest pass was.
 */
final class ProcessCpuClock {

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** A clock that does not move within this much busy work is reported as this coarse (no spin forever). */
    private static final long MAX_PROBE_NANOS = 1_000_000_000L;

    private ProcessCpuClock() {
    }

    static long now() {
        return OS.getProcessCpuTime();
    }

    /** The clock's step: the smallest of a few consecutive changes, found by spinning (~3 steps of CPU). */
    static long resolutionNanos() {
        long smallest = Long.MAX_VALUE;
        long start = System.nanoTime();
        long last = now();
        for (int changes = 0; changes < 3 && System.nanoTime() - start < MAX_PROBE_NANOS; ) {
            long c = now();
            if (c != last) {
                smallest = Math.min(smallest, c - last);
                last = c;
                changes++;
            }
        }
        return smallest == Long.MAX_VALUE ? MAX_PROBE_NANOS : smallest;
    }

    /** How far the clock alone can move a ratio of two passes of at least {@code shortestPassNanos} CPU each. */
    static double ratioUncertainty(long resolutionNanos, long shortestPassNanos) {
        return shortestPassNanos <= 0 ? Double.POSITIVE_INFINITY : 2.0 * resolutionNanos / shortestPassNanos;
    }
}
