package dev.sluice.bench;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of every thread since {@link #CpuByRole(ThreadMXBean)}, by role. A thread that ends
 * keeps the last time read while it lived (the JVM reports none for a dead thread); a thread
 * started after the first read counts all its CPU time (the live run's dispatcher starts after it).
 */
final class CpuByRole {

    /** The run's threads by role. */
    enum Role { DISPATCHER, PRODUCER, FX, OTHER }

    private final ThreadMXBean threads;
    private final Map<Long, Reading> byThread = new HashMap<>();
    private boolean firstRead = true;

    private static final class Reading {
        final Role role;
        final long first;
        long last;

        Reading(Role role, long first) {
            this.role = role;
            this.first = first;
            this.last = first;
        }
    }

    CpuByRole(ThreadMXBean threads) {
        this.threads = threads;
        read();
    }

    void read() {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            long t = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (t >= 0) {
                long from = firstRead ? t : 0;
                byThread.computeIfAbsent(info.getThreadId(), id -> new Reading(role(info.getThreadName()), from)).last = t;
            }
        }
        firstRead = false;
    }

    /** Nanos of CPU spent by {@code role}'s threads between the first and the last read. */
    long spent(Role role) {
        long sum = 0;
        for (Reading r : byThread.values()) {
            sum += r.role == role ? r.last - r.first : 0;
        }
        return sum;
    }

    private static Role role(String name) {
        return name.startsWith("sluice-dispatcher") ? Role.DISPATCHER
                : name.startsWith("sluice-scenario-") ? Role.PRODUCER
                : name.equals("JavaFX Application Thread") || name.startsWith("GtkNativeMainLoop") ? Role.FX : Role.OTHER;
    }
}
