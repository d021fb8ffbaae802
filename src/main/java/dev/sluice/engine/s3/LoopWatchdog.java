package dev.sluice.engine.s3;

import dev.sluice.event.Emitter;
import dev.sluice.event.S3Event;
import dev.sluice.event.S3Event.ThreadRole;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the engine's event-loop and completion threads with {@link ThreadMXBean} and reports
 * each one found waiting in {@code CompletableFuture.join/get} (or {@code Future.get}): a thread
 * that must never block is blocked. It reports when it first sees the wait and again every
 * {@link #REPEAT_NANOS} while the wait lasts, with how long it has seen it.
 */
public final class LoopWatchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoopWatchdog.class);
    static final long REPEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final int STACK_DEPTH = 24;

    private record Blocked(long since, long lastReported) { }

    private final ThreadRegistry registry;
    private final Emitter emitter;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Blocked> blocked = new HashMap<>();
    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> sampling;
    private final List<S3ClientFactory> factories = new CopyOnWriteArrayList<>();
    private final long poolEvery;
    private long samples;

    /** Starts sampling every {@code periodMillis}. */
    public LoopWatchdog(ThreadRegistry registry, Emitter emitter, long periodMillis) {
        this.registry = registry;
        this.emitter = emitter;
        this.poolEvery = Math.max(1, 1000 / Math.max(1, periodMillis));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "s3-loop-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.sampling = timer.scheduleAtFixedRate(this::sampleLogged, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Also samples the pools of the open clients of {@code factory}, about once a second. */
    public void watchPools(S3ClientFactory factory) {
        factories.add(factory);
    }

    /** A periodic task that throws is silently never run again: log it and keep sampling. */
    private void sampleLogged() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.warn("loop watchdog sample failed; sampling goes on", e);
        }
    }

    /** One sample; runs on the watchdog thread only. */
    void sample() {
        if (++samples % poolEvery == 0) {
            samplePools();
        }
        List<ThreadRegistry.Entry> watched = registry.liveIn(ThreadRole.EVENT_LOOP, ThreadRole.COMPLETION);
        long now = System.nanoTime();
        Map<Long, Blocked> still = new HashMap<>();
        for (ThreadRegistry.Entry e : watched) {
            ThreadInfo info = threads.getThreadInfo(e.thread().getId(), STACK_DEPTH);
            String[] where = info == null ? null : blockingCall(info);
            if (where == null) {
                continue;
            }
            Blocked b = blocked.get(e.thread().getId());
            if (b == null) {
                b = new Blocked(now, now);
                emit(e, where, 0);
            } else if (now - b.lastReported() >= REPEAT_NANOS) {
                emit(e, where, now - b.since());
                b = new Blocked(b.since(), now);
            }
            still.put(e.thread().getId(), b);
        }
        blocked.clear();
        blocked.putAll(still);
    }

    private void samplePools() {
        for (S3ClientFactory f : factories) {
            for (S3ClientHandle h : f.openClients()) {
                PoolMetrics m = h.metrics();
                emitter.emit(new S3Event.PoolSampled(h.id(), m.leased(), m.pending(), m.acquireNanos(),
                        registry.liveSdkThreads(h.id())));
            }
        }
    }

    private void emit(ThreadRegistry.Entry e, String[] where, long blockedNanos) {
        emitter.emit(new S3Event.ThreadBlocked(e.thread().getName(), e.role(), e.client(), where[0], where[1], blockedNanos));
    }

    /** {blocking method, caller frame} when the thread waits inside a future's join/get, else null. */
    static String[] blockingCall(ThreadInfo info) {
        Thread.State s = info.getThreadState();
        if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING) {
            return null;
        }
        StackTraceElement[] stack = info.getStackTrace();
        for (int i = 0; i < stack.length; i++) {
            StackTraceElement f = stack[i];
            boolean cf = f.getClassName().equals("java.util.concurrent.CompletableFuture")
                    && (f.getMethodName().equals("join") || f.getMethodName().equals("get"));
            boolean task = f.getClassName().equals("java.util.concurrent.FutureTask") && f.getMethodName().equals("get");
            if (cf || task) {
                String caller = i + 1 < stack.length ? frame(stack[i + 1]) : "?";
                return new String[] {simpleClass(f.getClassName()) + "." + f.getMethodName(), caller};
            }
        }
        return null;
    }

    private static String frame(StackTraceElement f) {
        return f.getClassName() + "." + f.getMethodName() + (f.getFileName() == null ? "" : "(" + f.getFileName() + ":" + f.getLineNumber() + ")");
    }

    private static String simpleClass(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    @Override
    public void close() throws InterruptedException {
        sampling.cancel(false);
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
