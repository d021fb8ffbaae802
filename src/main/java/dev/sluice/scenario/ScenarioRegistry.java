package dev.sluice.scenario;

import dev.sluice.scenario.s3.BlockingCallbackScenario;
import dev.sluice.scenario.s3.ForeignCloseScenario;
import dev.sluice.scenario.s3.ReaderScenario;
import dev.sluice.scenario.flight.FlightScenario;
import dev.sluice.scenario.delta.DeltaScenarios;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The built-in scenarios, in the order {@code sluice scenarios} lists them. */
public final class ScenarioRegistry {

    private static final List<Scenario> ALL = build();

    private static List<Scenario> build() {
        List<Scenario> all = new ArrayList<>();
        all.add(new DemoScenario());
        all.add(ReaderScenario.sharedClient());
        all.add(ReaderScenario.threadLocalClients());
        all.add(new ForeignCloseScenario());
        all.add(new BlockingCallbackScenario());
        all.add(ReaderScenario.clientChurn());
        all.addAll(FlightScenario.all());
        all.addAll(DeltaScenarios.all());
        return List.copyOf(all);
    }

    private ScenarioRegistry() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    public static Optional<Scenario> find(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
