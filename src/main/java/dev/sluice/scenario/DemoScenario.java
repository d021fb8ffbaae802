package dev.sluice.scenario;

import dev.sluice.event.AppEvent;
import dev.sluice.event.DeltaEvent;
import dev.sluice.event.DeltaEvent.CommitOperation;
import dev.sluice.event.DeltaEvent.VerifyOutcome;
import dev.sluice.event.Emitter;
import dev.sluice.event.Engine;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.FlightEvent.ReceiverPolicy;
import dev.sluice.event.FlightEvent.StreamOutcome;
import dev.sluice.event.S3Event;
import dev.sluice.event.S3Event.ClientKind;
import dev.sluice.event.S3Event.CloseTarget;
import dev.sluice.event.S3Event.Completion;
import dev.sluice.event.S3Event.Lifecycle;
import dev.sluice.event.S3Event.LoopGroupOwner;
import dev.sluice.event.S3Event.RequestOutcome;
import dev.sluice.event.S3Event.ThreadRole;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A synthetic run that emits events of every engine — no S3, Flight or Delta is involved — so that
 * the pipeline, traces, detectors and views can be tried without any server. It always shows one
 * leaked S3 client (a pool thread's per-thread client that nobody closes).
 */
public final class DemoScenario implements Scenario {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "Synthetic events of every engine (no real I/O); shows one leaked S3 client";
    }

    @Override
    public Engine engine() {
        return Engine.APP;
    }

    public static final Setting<Integer> REQUESTS = Setting.of("demo.requests", SettingType.integer(1, 100_000), "40",
            "synthetic S3 requests per pool thread");
    public static final Setting<Duration> PACE = Setting.of("demo.pace",
            SettingType.duration(Duration.ZERO, Duration.ofSeconds(1)), "2ms", "pause between synthetic steps");

    @Override
    public List<Setting<?>> settings() {
        return List.of(REQUESTS, PACE);
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        Emitter out = context.emitter();
        int requests = context.settings().get(REQUESTS);
        long paceMillis = context.settings().get(PACE).toMillis();
        out.emit(new AppEvent.Note("demo: synthetic events, no real S3, Flight or Delta I/O"));
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "demo-nio-event-loop-1"));
        ExecutorService completion = Executors.newSingleThreadExecutor(r -> new Thread(r, "demo-sdk-async-response-1"));
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "demo-pool-thread-" + threadNo.incrementAndGet()));
        try {
            Future<String> a = pool.submit(() -> s3Worker(out, loop, completion, "client-1", requests, paceMillis, true));
            Future<String> b = pool.submit(() -> s3Worker(out, loop, completion, "client-2", requests, paceMillis, false));
            flight(out, requests, paceMillis);
            delta(out, paceMillis);
            a.get();
            String leakingOwner = b.get();
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
            // the pool thread that cached client-2 is gone; the client is not
            out.emit(new S3Event.ThreadEnded(leakingOwner, 0, ThreadRole.POOL, "client-2"));
            context.progress(1.0, "demo done");
        } finally {
            pool.shutdownNow();
            loop.shutdownNow();
            completion.shutdownNow();
        }
    }

    /** Returns the name of the pool thread that owns the client. */
    private static String s3Worker(Emitter out, ExecutorService loop, ExecutorService completion, String client,
                                   int requests, long pace, boolean closes) throws Exception {
        String owner = Thread.currentThread().getName();
        out.emit(new S3Event.ThreadSeen(owner, 0, ThreadRole.POOL, client));
        out.emit(new S3Event.ClientCreated(client, ClientKind.NETTY, closes ? Lifecycle.SHARED : Lifecycle.PER_THREAD,
                client + "-loops", LoopGroupOwner.SDK_OWNED, 1, Completion.EXECUTOR));
        for (int i = 0; i < requests; i++) {
            String request = client + "-req-" + i;
            out.emit(new S3Event.RequestStarted(client, request, "GetObject", "demo/part-" + i, 0, 4096));
            loop.submit(() -> out.emit(new S3Event.RequestIo(client, request, "ch-" + client, "demo-nio-event-loop-1"))).get();
            long started = System.nanoTime();
            completion.submit(() -> out.emit(new S3Event.RequestCompleted(client, request, RequestOutcome.OK, 4096,
                    System.nanoTime() - started, null))).get();
            Thread.sleep(pace);
        }
        if (closes) {
            out.emit(new S3Event.ClientClosed(client, 0, owner, CloseTarget.CLIENT));
        }
        return owner;
    }

    private static void flight(Emitter out, int batches, long pace) throws InterruptedException {
        out.emit(new FlightEvent.ConnectionOpened("conn-1", "grpc+tcp://127.0.0.1:0 (synthetic)", ReceiverPolicy.GRPC_JAVA, 65_535,
                100));
        out.emit(new FlightEvent.StreamOpened("conn-1", "stream-0", "partition-0"));
        out.emit(new FlightEvent.StreamOpened("conn-1", "stream-1", "partition-1"));
        long window = 65_535;
        for (int i = 0; i < batches; i++) {
            String stream = "stream-" + (i % 2);
            out.emit(new FlightEvent.BatchReceived("conn-1", stream, 1024, 16_384));
            window = Math.max(0, window - 16_384) + (i % 2 == 0 ? 16_384 : 0);
            out.emit(new FlightEvent.ConnectionWindowSampled("conn-1", window, 65_535, 65_535 - window, 1 << 20, 2, 0));
            out.emit(new FlightEvent.BatchConsumed("conn-1", stream, 1024, 16_384));
            Thread.sleep(pace);
        }
        out.emit(new FlightEvent.StreamCompleted("conn-1", "stream-0", StreamOutcome.OK, batches / 2 * 1024L, null));
        out.emit(new FlightEvent.StreamCompleted("conn-1", "stream-1", StreamOutcome.OK, batches / 2 * 1024L, null));
        out.emit(new FlightEvent.ConnectionClosed("conn-1", "done", false));
    }

    private static void delta(Emitter out, long pace) throws InterruptedException {
        String table = "file:///demo/table";
        out.emit(new DeltaEvent.CommitAttempted("writer-1", table, "w1-a0", "writer-1/b0", CommitOperation.CREATE_TABLE, -1, 0,
                100));
        out.emit(new DeltaEvent.CommitSucceeded("writer-1", table, "w1-a0", "writer-1/b0", 0, -1, 0, 100, 1, 4096,
                true, true));
        Thread.sleep(pace);
        out.emit(new DeltaEvent.CommitAttempted("writer-2", table, "w2-a0", "writer-2/b0", CommitOperation.WRITE, 0, 0, 100));
        out.emit(new DeltaEvent.CommitSucceeded("writer-2", table, "w2-a0", "writer-2/b0", 1, 0, 0, 100, 1, 4096,
                false, false));
        out.emit(new DeltaEvent.VerifyCompleted(table, VerifyOutcome.PASSED, 1, 200, 200, 200, 0, 0, 0, 2, 0));
    }
}
