package dev.sluice.profile;

import dev.sluice.scenario.Setting;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console had chosen when it last ran a scenario, restored at the next launch: the
 * scenario, the profile and the settings the user changed (key → text as typed). Empty names mean
 * "none remembered": the console's defaults.
 */
public record LastRun(String scenario, String profile, Map<String, String> settings) {

    /** Nothing remembered: the console starts on its defaults. */
    public static final LastRun NONE = new LastRun("", "", Map.of());

    public LastRun {
        scenario = scenario == null ? "" : scenario;
        profile = profile == null ? "" : profile;
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public boolean isEmpty() {
        return scenario.isEmpty() && profile.isEmpty() && settings.isEmpty();
    }

    /**
     * The remembered settings that {@code declared} (a scenario's settings) still has and still
     * accepts: a setting renamed or narrowed by a newer Sluice is dropped, never an error.
     */
    public Map<String, String> settingsFor(List<Setting<?>> declared) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> s : declared) {
            String value = settings.get(s.key());
            if (value != null && s.problem(value) == null) {
                out.put(s.key(), value);
            }
        }
        return out;
    }
}
