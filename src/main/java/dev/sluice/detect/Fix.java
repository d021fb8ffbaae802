package dev.sluice.detect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A finding's fix as data: the scenario settings that remove the hazard, so the same run can be
 * repeated with them ({@code sluice run SCENARIO --fix CODE}). Only a fix that is a setting is one;
 * a fix that needs code (compose instead of join) has none, and the finding's prose says what to do.
 *
 * @param settings setting key to value, in the order they are applied; never empty
 * @param summary  one sentence: what the settings change
 */
public record Fix(Map<String, String> settings, String summary) {

    public Fix {
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("a fix needs at least one setting: " + summary);
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A fix of one setting. */
    public static Fix of(String key, String value, String summary) {
        return new Fix(Map.of(key, value), summary);
    }

    /** {@code flight.strategy=drain}, several separated by spaces: what a user would pass to {@code --set}. */
    public String assignments() {
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
