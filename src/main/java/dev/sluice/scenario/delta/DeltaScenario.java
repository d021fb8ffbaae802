package dev.sluice.scenario.delta;

import dev.sluice.engine.delta.DeltaTables;
import dev.sluice.engine.delta.DeltaWorkload;
import dev.sluice.engine.delta.LogStoreKind;
import dev.sluice.engine.delta.NotADeltaTableException;
import dev.sluice.engine.delta.TableVerifier;
import dev.sluice.event.AppEvent;
import dev.sluice.event.DeltaEvent.VerifyOutcome;
import dev.sluice.event.Engine;
import dev.sluice.scenario.PresetScenario;
import dev.sluice.scenario.ScenarioContext;
import dev.sluice.scenario.ScenarioException;
import dev.sluice.scenario.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Delta scenario: writers append to fresh tables under the scenario's data directory with one
 * strategy, then verify proves what each table holds. The six built-in scenarios differ only in
 * their default settings ({@link DeltaScenarios}).
 */
public final class DeltaScenario extends PresetScenario {

    DeltaScenario(String name, String summary, Map<String, String> defaults) {
        super(name, summary, Engine.DELTA, DeltaSettings.WORKLOAD, defaults);
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        Settings s = context.settings();
        int rounds = s.get(DeltaSettings.ROUNDS);
        int controls = s.get(DeltaSettings.CONTROL_ROUNDS);
        LogStoreKind store = s.get(DeltaSettings.LOG_STORE);
        DeltaTables.LocalFs fs = s.get(DeltaSettings.FS);
        Path runDir = context.dataDir().resolve(name()).resolve(
                LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT))
                        + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 16)));
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new ScenarioException("create table directory", "cannot create " + runDir + ": " + e.getMessage(), e);
        }
        int total = rounds + controls;
        for (int r = 1; r <= rounds && !context.stopRequested(); r++) {
            context.progress((r - 1.0) / total, "round " + r + " of at most " + rounds);
            TableVerifier.Report report = round(context, s, store, fs, runDir.resolve("round-" + r));
            if (!report.passed() && report.outcome() != VerifyOutcome.EXPLAINED) {
                context.emitter().emit(new AppEvent.Note(name() + ": round " + r + " verify " + report.outcome().id()
                        + "; stopping rounds"));
                break;
            }
        }
        for (int r = 1; r <= controls && !context.stopRequested(); r++) {
            context.progress((rounds + r - 1.0) / total, "control round " + r + " with Sluice's log store");
            round(context, s, LogStoreKind.SLUICE, fs, runDir.resolve("control-" + r));
        }
        context.progress(1.0, name() + " done");
    }

    private static TableVerifier.Report round(ScenarioContext context, Settings s, LogStoreKind store,
                                              DeltaTables.LocalFs fs, Path tableDir) throws ScenarioException {
        DeltaTables tables = new DeltaTables(store, fs, context.emitter());
        URI table = DeltaTables.uriOf(tableDir);
        DeltaWorkload.Config config = new DeltaWorkload.Config(table, s.get(DeltaSettings.WRITERS),
                s.get(DeltaSettings.BATCHES), s.get(DeltaSettings.ROWS), s.get(DeltaSettings.PAYLOAD_BYTES),
                s.get(DeltaSettings.STRATEGY), s.get(DeltaSettings.OPERATION),
                s.get(DeltaSettings.TABLE) == DeltaSettings.TableStart.EXISTING, s.get(DeltaSettings.LOGS),
                s.get(DeltaSettings.RETRY_MAX), s.get(DeltaSettings.RETRY_BACKOFF), s.get(DeltaSettings.TOGETHER));
        DeltaWorkload.Outcome outcome;
        try {
            outcome = new DeltaWorkload(config, tables, context.emitter(), context::stopRequested).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("write " + table, "interrupted", e);
        } catch (Exception e) {
            throw new ScenarioException("write " + table, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        try {
            // verify reads through a fresh log on the safe store, whatever the writers used
            return new TableVerifier(DeltaTables.hadoopConf(LogStoreKind.SLUICE, fs), context.emitter())
                    .verify(table, outcome.expected());
        } catch (NotADeltaTableException e) {
            throw new ScenarioException("verify " + table, e.getMessage(), e);
        }
    }

    static Map<String, String> defaults(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
