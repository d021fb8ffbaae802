package dev.sluice.scenario;

import dev.sluice.scenario.s3.BlockingCallbackScenario;
import dev.sluice.scenario.s3.ForeignCloseScenario;
import dev.sluice.scenario.s3.ReaderScenario;
import java.util.List;
import java.util.Optional;

/** The built-in scenarios, in the order {@code sluice scenarios} lists them. */
public final class ScenarioRegistry {

    private static final List<Scenario> ALL = List.of(
            new DemoScenario(),
            ReaderScenario.sharedClient(),
            ReaderScenario.threadLocalClients(),
            new ForeignCloseScenario(),
            new BlockingCallbackScenario(),
            ReaderScenario.clientChurn());

    private ScenarioRegistry() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    public static Optional<Scenario> find(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
