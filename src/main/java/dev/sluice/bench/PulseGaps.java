package dev.sluice.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the long pulse intervals of {@code ui-ingest} are made of: each interval longer than {@link #LONG_NANOS} is
 * split into the FX work of the pulse that opened it (its start to the end of its layout), the stop-the-world GC
 * pauses inside the rest, and what is left: the FX thread neither working a pulse nor stopped by a GC, i.e. waiting
 * for the render thread to finish the previous frame, or for a core. GC pauses come from the collectors' MXBean
 * notifications (millisecond precision; G1's remark and cleanup pauses are not reported there, so the GC share is a
 * lower bound). Pulses are recorded on the FX thread, pauses on the JMX notification thread.
 */
final class PulseGaps implements NotificationListener {

    static final long LONG_NANOS = 50_000_000L; // three frames at 60 Hz

    private static final Logger LOG = LoggerFactory.getLogger(PulseGaps.class);

    private final List<long[]> pulses = new ArrayList<>(); // {start, work}, FX thread only
    private final List<long[]> pauses = new ArrayList<>(); // {start, end} in System.nanoTime, guarded by itself
    private final long nanoAtJvmStart;
    private final List<NotificationEmitter> emitters = new ArrayList<>();

    PulseGaps() {
        nanoAtJvmStart = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** One measured pulse: its start and its FX work (FX thread). */
    void pulse(long startNanos, long workNanos) {
        pulses.add(new long[] {startNanos, workNanos});
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        if (info.getGcName().contains("Concurrent")) {
            return; // a concurrent cycle (a collector's own bean on newer JDKs) does not stop the FX thread
        }
        GcInfo gc = info.getGcInfo();
        synchronized (pauses) {
            pauses.add(new long[] {nanoAtJvmStart + gc.getStartTime() * 1_000_000L, nanoAtJvmStart + gc.getEndTime() * 1_000_000L});
        }
    }

    /** Stops listening; the breakdown of the intervals recorded so far. */
    Breakdown close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(this);
            } catch (ListenerNotFoundException ex) {
                LOG.warn("GC listener already gone", ex);
            }
        }
        List<long[]> gcs;
        synchronized (pauses) {
            gcs = new ArrayList<>(pauses);
        }
        long first = pulses.isEmpty() ? 0 : pulses.get(0)[0];
        long last = pulses.isEmpty() ? 0 : pulses.get(pulses.size() - 1)[0];
        int count = 0;
        long total = 0;
        long work = 0;
        long gc = 0;
        for (int i = 0; i + 1 < pulses.size(); i++) {
            long start = pulses.get(i)[0];
            long end = pulses.get(i + 1)[0];
            if (end - start <= LONG_NANOS) {
                continue;
            }
            count++;
            total += end - start;
            long workEnd = Math.min(end, start + pulses.get(i)[1]);
            work += workEnd - start;
            gc += overlap(gcs, workEnd, end);
        }
        int gcCount = 0;
        long gcTotal = 0;
        long gcMax = 0;
        for (long[] p : gcs) {
            if (p[1] >= first && p[0] <= last) {
                gcCount++;
                gcTotal += p[1] - p[0];
                gcMax = Math.max(gcMax, p[1] - p[0]);
            }
        }
        return new Breakdown(count, total, work, gc, gcCount, gcTotal, gcMax);
    }

    private static long overlap(List<long[]> gcs, long from, long to) {
        long sum = 0;
        for (long[] p : gcs) {
            sum += Math.max(0, Math.min(to, p[1]) - Math.max(from, p[0]));
        }
        return sum;
    }

    /** The long intervals (count, time) split into FX work, GC pauses and the rest; the GC pauses while measuring. */
    record Breakdown(int longIntervals, long longNanos, long workNanos, long gcNanos, int gcPauses, long gcPauseNanos,
                     long gcMaxNanos) {

        void report(BenchReport report) {
            double all = Math.max(1, longNanos);
            report.figure("pulse intervals > 50 ms", longIntervals, "intervals");
            report.figure("time in intervals > 50 ms", longNanos / 1e6, "ms");
            report.figure("  of it the FX work of the pulse opening the interval", workNanos / all * 100, "%");
            report.figure("  of it GC pauses (lower bound)", gcNanos / all * 100, "%");
            report.figure("  of it neither (waiting for the renderer or a core)", (longNanos - workNanos - gcNanos) / all * 100, "%");
            report.figure("GC pauses while measuring: count", gcPauses, "pauses");
            report.figure("GC pauses while measuring: total", gcPauseNanos / 1e6, "ms");
            report.figure("GC pause longest while measuring", gcMaxNanos / 1e6, "ms");
        }
    }
}
