package dev.sluice.scenario.s3;

import dev.sluice.engine.s3.ClientOptions;
import dev.sluice.engine.s3.Part;
import dev.sluice.engine.s3.PartResult;
import dev.sluice.engine.s3.S3ClientHandle;
import dev.sluice.engine.s3.SampleDataset;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Engine;
import dev.sluice.scenario.InvalidSettingException;
import dev.sluice.scenario.PresetScenario;
import dev.sluice.scenario.ScenarioContext;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.Settings;
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
public final class BlockingCallbackScenario extends PresetScenario {

    private static final String NAME = "s3-blocking-callback";
    private static final List<Setting<?>> SETTINGS = withRounds(
            S3Session.settings(NAME, Map.of("s3.api-call-timeout", "3s", "s3.event-loops", "1")));

    public BlockingCallbackScenario() {
        super(NAME,
                "A completion callback join()s another request on the event loop: BLOCKING_ON_EVENT_LOOP, ended by apiCallTimeout",
                Engine.S3, SETTINGS, Map.of());
    }

    @Override
    public void check(Settings settings) throws InvalidSettingException {
        S3Session.check(name(), settings, true);
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        try (S3Session session = S3Session.open(context)) {
            int rounds = context.settings().get(S3Settings.BLOCKING_ROUNDS);
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
                            + (r == null ? "not at all" : r.outcome().id() + (r.ok() ? "" : " (" + r.error().getMessage() + ")"))));
                }
            }
        }
    }

    private static Part part(SampleDataset data, int index) {
        long size = data.size(index);
        return new Part(data.key(index), size, 0, size, "");
    }

    private static List<Setting<?>> withRounds(List<Setting<?>> base) {
        List<Setting<?>> all = new ArrayList<>(base);
        all.add(S3Settings.BLOCKING_ROUNDS);
        return List.copyOf(all);
    }
}
