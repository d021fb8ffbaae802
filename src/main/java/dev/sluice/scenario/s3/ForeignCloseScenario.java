package dev.sluice.scenario.s3;

import dev.sluice.engine.s3.ClientOptions;
import dev.sluice.engine.s3.Part;
import dev.sluice.engine.s3.PartResult;
import dev.sluice.engine.s3.S3ClientHandle;
import dev.sluice.engine.s3.SampleDataset;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Engine;
import dev.sluice.event.S3Event.RequestOutcome;
import dev.sluice.scenario.InvalidSettingException;
import dev.sluice.scenario.PresetScenario;
import dev.sluice.scenario.ScenarioContext;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code s3-foreign-close}: the scenario thread owns a Netty client whose event-loop group it built
 * itself; with requests in flight, another thread shuts that group down (or closes the client).
 * Shows {@code FOREIGN_CLOSE} at that moment and {@code FUTURE_NEVER_COMPLETED} for each request
 * orphaned by the dead loops, which only apiCallTimeout ends. The owner then closes the client
 * (a no-op if the foreign thread already did). When every read of a batch ended before the foreign thread woke
 * (a loaded machine), it reads another batch, up to {@link #MAX_ATTEMPTS}, and notes each retry in the trace.
 */
public final class ForeignCloseScenario extends PresetScenario {

    private static final String NAME = "s3-foreign-close";
    /** Batches of reads the foreign close may take to catch one in flight; the last closes whatever it finds. */
    static final int MAX_ATTEMPTS = 5;
    private static final List<Setting<?>> SETTINGS = concat(
            S3Session.settings(NAME, Map.of("s3.api-call-timeout", "5s", "s3.event-loops", "2")),
            S3Settings.FOREIGN_REQUESTS, S3Settings.FOREIGN_CLOSE_AFTER, S3Settings.FOREIGN_CLOSE);

    public ForeignCloseScenario() {
        super(NAME,
                "Another thread shuts down a client's event-loop group with requests in flight: FOREIGN_CLOSE, FUTURE_NEVER_COMPLETED",
                Engine.S3, SETTINGS, Map.of());
    }

    @Override
    public void check(Settings settings) throws InvalidSettingException {
        S3Session.check(name(), settings, true);
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        try (S3Session session = S3Session.open(context)) {
            int n = context.settings().get(S3Settings.FOREIGN_REQUESTS);
            long closeAfter = context.settings().get(S3Settings.FOREIGN_CLOSE_AFTER).toMillis();
            S3Settings.ForeignClose what = context.settings().get(S3Settings.FOREIGN_CLOSE);
            ClientOptions options = session.clientOptions().withCallerOwnedLoops(true);
            SampleDataset data = session.dataset;
            try (S3ClientHandle client = session.factory.create(options)) {
                List<CompletableFuture<PartResult>> calls = new ArrayList<>();
                AtomicBoolean closed = new AtomicBoolean();
                for (int attempt = 1; !closed.get(); attempt++) {
                    List<CompletableFuture<PartResult>> batch = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        int index = data.objects() - 1 - (i % data.objects());
                        long size = data.size(index);
                        batch.add(client.readAsync(new Part(data.key(index), size, 0, size, ""), false));
                    }
                    calls.addAll(batch);
                    Thread closer = closer(client, what, batch, closeAfter, attempt == MAX_ATTEMPTS, closed);
                    closer.start();
                    closer.join();
                    if (!closed.get()) {
                        context.emitter().emit(new AppEvent.Note("s3: all " + n + " reads of attempt " + attempt
                                + " ended before the foreign close could catch one in flight; reading " + n + " more"));
                    }
                }
                awaitAll(context, calls, options);
            }
        }
    }

    /**
     * The foreign thread: it closes after close-after, or at once when the first read of {@code batch} is done: on a
     * quiet machine small objects can all arrive within a millisecond of each other, and the point is to close with
     * requests in flight (waiting on the futures, not polling, so no sleep lets them all finish). On a loaded machine
     * the closer may wake only after every read is done: then, unless {@code last}, it does not close (there is
     * nothing in flight to catch) and the scenario reads another batch.
     */
    private static Thread closer(S3ClientHandle client, S3Settings.ForeignClose what, List<CompletableFuture<PartResult>> batch,
                                 long closeAfter, boolean last, AtomicBoolean closed) {
        CompletableFuture<Object> firstDone = CompletableFuture.anyOf(batch.toArray(CompletableFuture[]::new));
        return new Thread(() -> {
            try {
                firstDone.get(closeAfter, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // close-after reached, or the first read failed (awaitAll reports it): close now either way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!last && batch.stream().allMatch(CompletableFuture::isDone)) {
                return;
            }
            if (what == S3Settings.ForeignClose.CLIENT) {
                client.close();
            } else {
                client.shutdownEventLoopGroup();
            }
            closed.set(true);
        }, "s3-foreign-closer");
    }

    /** Every future ends, at worst through apiCallTimeout; a few seconds more is a bug worth a note. */
    static void awaitAll(ScenarioContext context, List<CompletableFuture<PartResult>> calls, ClientOptions options)
            throws InterruptedException {
        long limit = options.apiCallTimeout().toMillis() + 5_000;
        int ok = 0;
        int failed = 0;
        int timedOut = 0;
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(limit, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            context.emitter().emit(new AppEvent.Note("s3: futures still pending " + limit + " ms after apiCallTimeout began"));
        } catch (ExecutionException e) {
            // readAsync folds failures into its result; an exception here is a bug in that folding
            throw new IllegalStateException("a read future failed instead of reporting its failure", e);
        }
        for (CompletableFuture<PartResult> f : calls) {
            PartResult r = f.getNow(null);
            if (r == null || r.outcome() == RequestOutcome.TIMEOUT) {
                timedOut++;
            } else if (r.ok()) {
                ok++;
            } else {
                failed++;
            }
        }
        context.emitter().emit(new AppEvent.Note("s3: " + ok + " ok, " + failed + " failed, " + timedOut
                + " ended only by apiCallTimeout or not at all"));
    }

    private static List<Setting<?>> concat(List<Setting<?>> base, Setting<?>... more) {
        List<Setting<?>> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }
}
