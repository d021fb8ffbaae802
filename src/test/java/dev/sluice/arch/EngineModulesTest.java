package dev.sluice.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sluice.detect.EngineRules;
import dev.sluice.event.Engine;
import dev.sluice.model.EngineModel;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.ui.EngineView;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every engine is registered in every layer exactly once: rules, model slice, scenarios, view. */
class EngineModulesTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Engine.class, names = "APP", mode = EnumSource.Mode.EXCLUDE)
    void anEngineHasItsPartInEveryLayer(Engine engine) {
        assertEquals(1, Arrays.stream(EngineRules.values()).filter(r -> r.engine() == engine).count(), "detectors");
        assertFalse(Arrays.stream(EngineRules.values()).filter(r -> r.engine() == engine).findFirst().orElseThrow()
                .fresh().isEmpty(), "at least one detector");
        List<EngineModel> models = EngineModel.MODULES.stream().map(Supplier::get).toList();
        assertEquals(1, models.stream().filter(m -> m.engine() == engine).count(), "model slice");
        assertFalse(ScenarioRegistry.all().stream().noneMatch(s -> s.engine() == engine), "scenarios");
        assertEquals(1, EngineView.ALL.stream().filter(v -> v.engine() == engine).count(), "view");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Engine.class, names = "APP", mode = EnumSource.Mode.EXCLUDE)
    void everySnapshotHoldsEachSlicesPart(Engine engine) {
        EngineModel slice = EngineModel.MODULES.stream().map(Supplier::get).filter(m -> m.engine() == engine)
                .findFirst().orElseThrow();
        assertEquals(slice.freeze(), ModelSnapshot.EMPTY.part(slice.freeze().getClass()), "an empty part, never missing");
    }
}
