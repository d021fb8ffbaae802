package dev.sluice.scenario.delta;

import dev.sluice.engine.delta.DeltaTables;
import dev.sluice.engine.delta.LogStoreKind;
import dev.sluice.engine.delta.NotADeltaTableException;
import dev.sluice.engine.delta.TableVerifier;
import dev.sluice.event.Engine;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioContext;
import dev.sluice.scenario.ScenarioException;
import dev.sluice.scenario.Setting;
import java.net.URI;
import java.util.List;

/**
 * {@code delta-verify}: verify on its own, against a table Sluice wrote earlier. Without the run's
 * record of writes it proves what the rows can: no row twice, no hole in any writer's sequence.
 */
public final class DeltaVerifyScenario implements Scenario {

    @Override
    public String name() {
        return "delta-verify";
    }

    @Override
    public String summary() {
        return "Verify an existing table Sluice wrote: no duplicated rows, no holes in any writer's sequence";
    }

    @Override
    public Engine engine() {
        return Engine.DELTA;
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(DeltaSettings.VERIFY_TABLE, DeltaSettings.FS);
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        URI table = DeltaTables.uriOf(context.settings().get(DeltaSettings.VERIFY_TABLE));
        DeltaTables.LocalFs fs = context.settings().get(DeltaSettings.FS);
        try {
            TableVerifier.Report report = new TableVerifier(DeltaTables.hadoopConf(LogStoreKind.SLUICE, fs),
                    context.emitter()).verify(table, null);
            context.progress(1.0, "verify " + report.outcome().id());
        } catch (NotADeltaTableException e) {
            throw new ScenarioException("verify " + table, e.getMessage(), e);
        }
    }
}
