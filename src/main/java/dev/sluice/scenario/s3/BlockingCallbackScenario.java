package dev.sluice.scenario.s3;

import dev.sluice.engine.s3.ClientOptions;
import dev.sluice.engine.s3.Part;
import dev.sluice.engine.s3.PartResult;
import dev.sluice.engine.s3.S3ClientHandle;
import dev.sluice.engine.s3.SampleDataset;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Engine;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioContext;
import dev.sluice.scenario.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code s3-blocking-callback}: futures complete on the event loop ({@code Runnable::run} as the
 * completion executor), and a completion callback issues the next GET and {@code join()}s it. The
 * next GET needs the very event loop that is blocked, so it can only end through apiCallTimeout:
 * a deadlock every time, broken by the timeout. Shows {@code BLOCKING_ON_EVENT_LOOP} within a
 * fraction of a second; the scenario ends by itself when the timeouts fire.
 */
public final class BlockingCallbackScenario implements Scenario {

    private static final List<Setting> SETTINGS = withRounds(
            S3Session.settings(Map.of("s3.api-call-timeout", "3s", "s3.event-loops", "1")));

    @Override
    public String name() {
        return "s3-blocking-callback";
    }

    @Override
    public String summary() {
        return "A completion callback join()s another request on the event loop: BLOCKING_ON_EVENT_LOOP, ended by apiCallTimeout";
    }

    @Override
    public Engine engine() {
        return Engine.S3;
    }

    @Override
    public List<Setting> settings() {
        return SETTINGS;
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        if (!"netty".equals(context.settings().get("s3.client"))) {
            throw new IllegalArgumentException(name() + " shows Netty event loops: it needs s3.client=netty, got '"
                    + context.settings().get("s3.client") + "'");
        }
        try (S3Session session = S3Session.open(context)) {
            int rounds = context.settings().getInt("s3.blocking.rounds");
            ClientOptions options = session.clientOptions().withDirectCompletion(true);
            SampleDataset data = session.dataset;
            try (S3ClientHandle client = session.factory.create(options)) {
                for (int round = 0; round < rounds && !context.stopRequested(); round++) {
                    Part first = part(data, (2 * round) % data.objects());
                    Part second = part(data, (2 * round + 1) % data.objects());
                    // the hazard: a callback on the event loop waits for I/O only that event loop can do
                    CompletableFuture<PartResult> chain = client.readAsync(first, false)
                            .thenApply(r -> client.readAsync(second, false).join());
                    ForeignCloseScenario.awaitAll(context, List.of(chain), options);
                    PartResult r = chain.getNow(null);
                    context.emitter().emit(new AppEvent.Note("s3: round " + round + ": the joined GET ended "
                            + (r == null ? "not at all" : r.outcome() + (r.ok() ? "" : " (" + r.error().getMessage() + ")"))));
                }
            }
        }
    }

    private static Part part(SampleDataset data, int index) {
        long size = data.size(index);
        return new Part(data.key(index), size, 0, size, "");
    }

    private static List<Setting> withRounds(List<Setting> base) {
        List<Setting> all = new ArrayList<>(base);
        all.add(new Setting("s3.blocking.rounds", "1", "times a callback blocks the event loop (each lasts apiCallTimeout)"));
        return List.copyOf(all);
    }
}
