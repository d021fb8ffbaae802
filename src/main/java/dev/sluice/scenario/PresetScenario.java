package dev.sluice.scenario;

import dev.sluice.event.Engine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario that is one preset of a workload: several built-in scenarios run the same code and
 * differ only in name, summary and the defaults of the workload's settings.
 */
public abstract class PresetScenario implements Scenario {

    private final String name;
    private final String summary;
    private final Engine engine;
    private final List<Setting<?>> settings;

    /**
     * @param base     every setting the workload reads, with its usual default
     * @param defaults this preset's defaults; a key not in {@code base} is a programming error
     */
    protected PresetScenario(String name, String summary, Engine engine, List<Setting<?>> base,
                             Map<String, String> defaults) {
        this.name = name;
        this.summary = summary;
        this.engine = engine;
        this.settings = withDefaults(name, base, defaults);
    }

    /** {@code base} with some defaults replaced; throws for a key {@code base} does not declare. */
    public static List<Setting<?>> withDefaults(String scenario, List<Setting<?>> base, Map<String, String> defaults) {
        Map<String, String> unknown = new LinkedHashMap<>(defaults);
        List<Setting<?>> out = new ArrayList<>();
        for (Setting<?> s : base) {
            unknown.remove(s.key());
            out.add(defaults.containsKey(s.key()) ? s.withDefault(defaults.get(s.key())) : s);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("scenario " + scenario + " sets defaults for undeclared settings "
                    + unknown.keySet());
        }
        return List.copyOf(out);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final Engine engine() {
        return engine;
    }

    @Override
    public final List<Setting<?>> settings() {
        return settings;
    }
}
