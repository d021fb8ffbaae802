package dev.sluice.scenario;

import dev.sluice.scenario.delta.DeltaScenarios;
import dev.sluice.scenario.flight.FlightScenario;
import dev.sluice.scenario.s3.S3Scenarios;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The built-in scenarios, in the order {@code sluice scenarios} lists them. */
public final class ScenarioRegistry {

    /** Each engine's scenarios, in listing order: adding an engine's scenarios is one line here. */
    private static final List<Supplier<List<Scenario>>> ENGINES = List.of(
            S3Scenarios::all,
            FlightScenario::all,
            DeltaScenarios::all);

    private static final List<Scenario> ALL = build();

    private static List<Scenario> build() {
        List<Scenario> all = new ArrayList<>();
        all.add(new DemoScenario());
        ENGINES.forEach(engine -> all.addAll(engine.get()));
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
