package dev.sluice.engine.s3;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * The latest connection-pool figures of one client, taken from the SDK's own per-request metrics
 * ({@code publish} runs on the completion thread); the watchdog samples them into
 * {@code PoolSampled} events.
 */
final class PoolMetrics implements MetricPublisher {

    private volatile long leased;
    private volatile long pending;
    private volatile long acquireNanos;

    @Override
    public void publish(MetricCollection metrics) {
        visit(metrics);
    }

    private void visit(MetricCollection c) {
        List<Integer> l = c.metricValues(HttpMetric.LEASED_CONCURRENCY);
        if (!l.isEmpty()) {
            leased = l.get(l.size() - 1);
        }
        List<Integer> p = c.metricValues(HttpMetric.PENDING_CONCURRENCY_ACQUIRES);
        if (!p.isEmpty()) {
            pending = p.get(p.size() - 1);
        }
        List<Duration> d = c.metricValues(HttpMetric.CONCURRENCY_ACQUIRE_DURATION);
        if (!d.isEmpty()) {
            acquireNanos = d.get(d.size() - 1).toNanos();
        }
        for (MetricCollection child : c.children()) {
            visit(child);
        }
    }

    long leased() {
        return leased;
    }

    long pending() {
        return pending;
    }

    long acquireNanos() {
        return acquireNanos;
    }

    @Override
    public void close() {
        // nothing to release: the figures are plain fields
    }
}
