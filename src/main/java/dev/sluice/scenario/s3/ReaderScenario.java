package dev.sluice.scenario.s3;

import dev.sluice.engine.s3.ConcurrentReader;
import dev.sluice.engine.s3.ObjectResult;
import dev.sluice.engine.s3.ReadReport;
import dev.sluice.engine.s3.S3ClientHandle;
import dev.sluice.engine.s3.S3EngineException;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Engine;
import dev.sluice.scenario.InvalidSettingException;
import dev.sluice.scenario.PresetScenario;
import dev.sluice.scenario.ScenarioContext;
import dev.sluice.scenario.ScenarioException;
import dev.sluice.scenario.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The concurrent reader over the sample dataset with one client lifecycle. Three scenarios are
 * this class with different defaults: {@code s3-shared-client} (healthy), {@code
 * s3-thread-local-clients} (leaks) and {@code s3-client-churn}. Clients a lifecycle leaves open are
 * reclaimed after the run has recorded the leak, so the run still releases every thread.
 */
public final class ReaderScenario extends PresetScenario {

    private static final int MAX_FAILURE_NOTES = 50;

    ReaderScenario(String name, String summary, Map<String, String> defaults) {
        super(name, summary, Engine.S3, S3Settings.COMMON, defaults);
    }

    public static ReaderScenario sharedClient() {
        return new ReaderScenario("s3-shared-client",
                "S3 reader with one shared client closed by its owner (healthy: no findings)", Map.of());
    }

    public static ReaderScenario threadLocalClients() {
        return new ReaderScenario("s3-thread-local-clients",
                "S3 reader caching a client per pool thread (ThreadLocal) and never closing it: CLIENT_LEAKED",
                Map.of("s3.lifecycle", "per-thread"));
    }

    public static ReaderScenario clientChurn() {
        return new ReaderScenario("s3-client-churn",
                "S3 reader creating and closing a client for every request: CLIENT_CHURN",
                Map.of("s3.lifecycle", "per-request", "s3.dataset.objects", "32", "s3.dataset.max-size", "1MiB"));
    }

    @Override
    public void check(Settings settings) throws InvalidSettingException {
        S3Session.check(name(), settings, false);
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        try (S3Session session = S3Session.open(context)) {
            ConcurrentReader reader = new ConcurrentReader(session.factory, session.readerConfig(), context.emitter());
            AtomicInteger done = new AtomicInteger();
            int expected = Math.max(1, session.dataset.objects());
            context.progress(0.1, "reading");
            ReadReport report;
            try {
                report = reader.read(r -> context.progress(0.1 + 0.85 * Math.min(1.0, done.incrementAndGet() / (double) expected),
                        "read " + r.key()), context::stopRequested);
            } catch (S3EngineException e) {
                throw new ScenarioException("read", e.getMessage(), e);
            }
            context.emitter().emit(new AppEvent.Note("s3: " + report.summary()));
            reportFailures(context, report);
            reclaim(context, report.leftOpen());
            context.progress(1.0, report.summary());
        }
    }

    private static void reportFailures(ScenarioContext context, ReadReport report) {
        List<ObjectResult> failures = report.failures();
        for (int i = 0; i < Math.min(failures.size(), MAX_FAILURE_NOTES); i++) {
            ObjectResult f = failures.get(i);
            context.emitter().emit(new AppEvent.Note("s3: FAILED " + f.key() + ": " + f.error()));
        }
        if (failures.size() > MAX_FAILURE_NOTES) {
            context.emitter().emit(new AppEvent.Note("s3: ... and " + (failures.size() - MAX_FAILURE_NOTES) + " more failed objects"));
        }
    }

    /** Closes leaked clients in parallel (each close waits ~2 s for its event loops to wind down). */
    static void reclaim(ScenarioContext context, List<S3ClientHandle> leaked) throws InterruptedException {
        if (leaked.isEmpty()) {
            return;
        }
        context.emitter().emit(new AppEvent.Note("s3: reclaiming " + leaked.size() + " client(s) their owners leaked"));
        AtomicInteger n = new AtomicInteger();
        ExecutorService closer = Executors.newFixedThreadPool(Math.min(8, leaked.size()), r -> {
            Thread t = new Thread(r, "s3-reclaim-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> closes = new ArrayList<>();
            for (S3ClientHandle h : leaked) {
                closes.add(closer.submit(h::reclaim));
            }
            for (Future<?> f : closes) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    context.emitter().emit(new AppEvent.Note("s3: reclaiming a leaked client failed: " + e));
                }
            }
        } finally {
            closer.shutdownNow();
        }
    }
}
