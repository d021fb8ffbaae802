package dev.sluice.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bench JVM's own process CPU (it runs the S3Proxy and Flight servers the children read) sampled every
 * {@link #PERIOD_MILLIS} against the wall clock, so the servers' CPU during one child's timed passes (a window the
 * child reports in epoch milliseconds) can be reported apart from the child's: a round whose server was slower (its
 * GC, its JIT, another process on its core) then shows as such instead of passing for the agent's cost.
 */
final class AgentBenchServerCpu implements AutoCloseable {

    static final long PERIOD_MILLIS = 20;

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** One sample: wall clock (epoch ms) and this process's CPU so far (ns). */
    record Sample(long epochMillis, long cpuNanos) { }

    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-agent-server-cpu");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledFuture<?> sampling;

    AgentBenchServerCpu() {
        sampling = sampler.scheduleAtFixedRate(this::sample, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        Sample s = new Sample(System.currentTimeMillis(), OS.getProcessCpuTime());
        synchronized (samples) {
            samples.add(s);
        }
    }

    /** This process's CPU between two wall-clock instants (epoch ms), interpolated between samples; -1 when not covered. */
    long cpuNanosBetween(long fromMillis, long toMillis) {
        if (sampling.isDone()) { // a periodic task ends only by failing or being cancelled: its samples stopped
            throw new IllegalStateException("bench agent: the servers' CPU sampling stopped; its last samples are stale");
        }
        sample();
        synchronized (samples) {
            return between(samples, fromMillis, toMillis);
        }
    }

    /** {@link #cpuNanosBetween} over {@code samples} (in time order): -1 when they do not cover the window. */
    static long between(List<Sample> samples, long fromMillis, long toMillis) {
        if (samples.isEmpty() || toMillis < fromMillis || samples.get(0).epochMillis() > fromMillis
                || samples.get(samples.size() - 1).epochMillis() < toMillis) {
            return -1;
        }
        return Math.round(at(samples, toMillis) - at(samples, fromMillis));
    }

    private static double at(List<Sample> samples, long millis) {
        Sample before = samples.get(0);
        for (Sample s : samples) {
            if (s.epochMillis() >= millis) {
                long span = s.epochMillis() - before.epochMillis();
                return span <= 0 ? s.cpuNanos()
                        : before.cpuNanos() + (s.cpuNanos() - before.cpuNanos()) * (double) (millis - before.epochMillis()) / span;
            }
            before = s;
        }
        return before.cpuNanos();
    }

    /** Forgets the samples before {@code epochMillis} (a finished child's), so a long bench keeps few. */
    void forgetBefore(long epochMillis) {
        synchronized (samples) {
            int keep = 0;
            while (keep < samples.size() - 1 && samples.get(keep + 1).epochMillis() < epochMillis) {
                keep++;
            }
            samples.subList(0, keep).clear();
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
