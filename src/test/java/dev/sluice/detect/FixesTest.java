package dev.sluice.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.Setting;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every fix as settings names settings a built-in scenario of its engine declares, with values they
 * accept: {@code detect} holds them as text, so this is what keeps them from drifting.
 */
class FixesTest {

    @Test
    void everyFixIsAValidSettingOfAScenarioOfItsEngine() throws IllegalAccessException {
        List<String> checked = new ArrayList<>();
        for (FindingCode code : FindingCode.values()) {
            if (code.fix() != null) {
                assertAccepted(code, code.fix());
                checked.add(code.name());
            }
        }
        for (Field f : Fixes.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Fix.class) {
                Fix fix = (Fix) f.get(null);
                assertNotNull(fix, f.getName());
                assertTrue(ScenarioRegistry.all().stream().anyMatch(s -> declaresAll(s, fix)), f.getName() + ": " + fix);
                checked.add(f.getName());
            }
        }
        assertTrue(checked.containsAll(List.of("CLIENT_LEAKED", "FLOW_CONTROL_STALL", "CONCURRENT_CREATE_CONFLICT",
                "ARRIVAL_ORDER", "SAFE_LOG_STORE")), checked.toString());
    }

    @Test
    void fixesThatAreCodeHaveNone() {
        for (FindingCode code : List.of(FindingCode.FOREIGN_CLOSE, FindingCode.BLOCKING_ON_EVENT_LOOP,
                FindingCode.REQUESTS_FAILED, FindingCode.STREAMS_FAILED, FindingCode.COMMITS_FAILED,
                FindingCode.SCENARIO_FAILED, FindingCode.LOST_WRITES)) {
            assertEquals(null, code.fix(), code.name());
        }
        Finding f = Finding.of("x", FindingCode.FLOW_CONTROL_STALL, 1, List.of(), "t", "e", "prose");
        assertEquals("flight.strategy=drain", f.settingFix().assignments());
        assertEquals(null, f.withSettingFix(null).endedAt(5).settingFix());
        assertEquals("prose", f.withSettingFix(null).fix());
    }

    private static void assertAccepted(FindingCode code, Fix fix) {
        List<Scenario> scenarios = ScenarioRegistry.all().stream()
                .filter(s -> s.engine() == code.engine() && declaresAll(s, fix)).toList();
        assertFalse(scenarios.isEmpty(), code + ": no " + code.engine().id() + " scenario declares " + fix.settings().keySet());
        for (Scenario s : scenarios) {
            for (Setting<?> setting : s.settings()) {
                if (fix.settings().containsKey(setting.key())) {
                    assertEquals(null, setting.problem(fix.settings().get(setting.key())), s.name());
                }
            }
        }
    }

    private static boolean declaresAll(Scenario s, Fix fix) {
        Set<String> keys = s.settings().stream().map(Setting::key).collect(Collectors.toSet());
        return keys.containsAll(fix.settings().keySet());
    }
}
