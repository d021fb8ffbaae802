package dev.sluice.engine.s3;

import java.util.List;
import java.util.Locale;

/**
 * What a read did: every listed object's result (none silently missing), throughput and latency.
 *
 * @param leftOpen clients the lifecycle did not close (per-thread clients whose pool ended); the
 *                 caller must reclaim them
 */
public record ReadReport(List<ObjectResult> objects, long bytes, long elapsedNanos, long requests,
                         long latencyP50Nanos, long latencyP99Nanos, List<S3ClientHandle> leftOpen) {

    public ReadReport {
        objects = List.copyOf(objects);
        leftOpen = List.copyOf(leftOpen);
    }

    public List<ObjectResult> failures() {
        return objects.stream().filter(o -> !o.ok()).toList();
    }

    public long objectsOk() {
        return objects.stream().filter(ObjectResult::ok).count();
    }

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    public double mibPerSecond() {
        return bytes / (1024.0 * 1024.0) / Math.max(seconds(), 1e-9);
    }

    public double requestsPerSecond() {
        return requests / Math.max(seconds(), 1e-9);
    }

    public String summary() {
        return String.format(Locale.ROOT, "%d/%d objects ok, %.1f MiB in %.2f s = %.1f MiB/s, %.0f req/s, p50 %.1f ms, p99 %.1f ms",
                objectsOk(), objects.size(), bytes / 1048576.0, seconds(), mibPerSecond(), requestsPerSecond(),
                latencyP50Nanos / 1e6, latencyP99Nanos / 1e6);
    }
}
