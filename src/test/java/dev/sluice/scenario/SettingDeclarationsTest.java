package dev.sluice.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every built-in scenario's settings: one declaration per key, every default accepted. */
class SettingDeclarationsTest {

    @Test
    void eachKeyIsDeclaredOnceWithOneType() {
        Map<String, Setting<?>> first = new HashMap<>();
        for (Scenario s : ScenarioRegistry.all()) {
            for (Setting<?> setting : s.settings()) {
                Setting<?> seen = first.putIfAbsent(setting.key(), setting);
                if (seen != null) {
                    // presets may change the default, never the type or the meaning
                    assertSame(seen.type(), setting.type(), setting.key() + " in " + s.name());
                    assertEquals(seen.description(), setting.description(), setting.key() + " in " + s.name());
                }
            }
        }
        assertTrue(first.containsKey("delta.fs"));
        assertSame(ScenarioRegistry.find("delta-verify").orElseThrow().settings().stream()
                .filter(x -> x.key().equals("delta.fs")).findFirst().orElseThrow().type(), first.get("delta.fs").type());
    }

    @Test
    void everyDefaultIsAcceptedOrTheSettingIsRequired() {
        for (Scenario s : ScenarioRegistry.all()) {
            for (Setting<?> setting : s.settings()) {
                if (!setting.required()) {
                    assertEquals(null, setting.problem(setting.defaultValue()), s.name() + " " + setting.key());
                }
                assertFalse(setting.type().accepted().isBlank(), setting.key());
            }
        }
        List<String> required = ScenarioRegistry.all().stream().flatMap(s -> s.settings().stream())
                .filter(Setting::required).map(Setting::key).distinct().sorted().toList();
        assertEquals(List.of("delta.verify.table", "flight.endpoints"), required);
    }
}
