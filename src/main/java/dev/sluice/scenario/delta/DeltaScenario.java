package dev.sluice.scenario.delta;

import dev.sluice.engine.delta.DeltaTables;
import dev.sluice.engine.delta.DeltaWorkload;
import dev.sluice.engine.delta.LogStoreKind;
import dev.sluice.engine.delta.NotADeltaTableException;
import dev.sluice.engine.delta.TableVerifier;
import dev.sluice.engine.delta.TableWriter;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Engine;
import dev.sluice.scenario.PresetScenario;
import dev.sluice.scenario.ScenarioContext;
import dev.sluice.scenario.ScenarioException;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Delta scenario: writers append to fresh tables under the scenario's data directory with one
 * strategy, then verify proves what each table holds. The six built-in scenarios differ only in
 * their default settings ({@link DeltaScenarios}).
 */
public final class DeltaScenario extends PresetScenario {

    /** Every setting a Delta scenario reads, with the defaults of the healthy case. */
    static final List<Setting> BASE = List.of(
            new Setting("delta.writers", "8", "concurrent writer threads"),
            new Setting("delta.batches", "4", "batches (commits) per writer"),
            new Setting("delta.rows", "500", "rows per batch; each row carries (writer, sequence)"),
            new Setting("delta.payload.bytes", "32", "size of each row's payload string"),
            new Setting("delta.strategy", "first-writer-creates", "naive, first-writer-creates, retry or fire-and-forget"),
            new Setting("delta.operation", "blind-append", "blind-append, read-append (reads the table first) or "
                    + "evolve-schema (each writer's first batch adds a column)"),
            new Setting("delta.table", "new", "new (writers find no table) or existing (created before they start)"),
            new Setting("delta.logs", "shared", "shared (one DeltaLog per table, as in one process) or per-writer "
                    + "(one each, as separate processes)"),
            new Setting("delta.logStore", "sluice", "sluice (atomic publish, fails if the version exists) or "
                    + "delta-default (delta-standalone's local store)"),
            new Setting("delta.fs", "checksummed", "Hadoop local file system for reading the log: checksummed or raw"),
            new Setting("delta.retry.max", "20", "conflicts retried per batch under delta.strategy=retry"),
            new Setting("delta.retry.backoff", "10ms", "first retry pause; doubles per retry up to 1 s, with jitter"),
            new Setting("delta.together", "0", "first N batches of all writers commit together (all read, then all "
                    + "commit) so a race shows the same way every run"),
            new Setting("delta.rounds", "1", "tables written one after another; stops at the first that fails verify"),
            new Setting("delta.control.rounds", "0", "rounds repeated afterwards with delta.logStore=sluice, "
                    + "as the control"));

    DeltaScenario(String name, String summary, Map<String, String> defaults) {
        super(name, summary, Engine.DELTA, BASE, defaults);
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        Settings s = context.settings();
        int rounds = s.getInt("delta.rounds");
        int controls = s.getInt("delta.control.rounds");
        LogStoreKind store = LogStoreKind.parse(s.get("delta.logStore"));
        DeltaTables.LocalFs fs = parseFs(s.get("delta.fs"));
        Path runDir = context.dataDir().resolve(name()).resolve(
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT))
                        + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 16)));
        try {
            Files.createDirectories(runDir);
        } catch (java.io.IOException e) {
            throw new ScenarioException("create table directory", "cannot create " + runDir + ": " + e.getMessage(), e);
        }
        int total = rounds + controls;
        for (int r = 1; r <= rounds && !context.stopRequested(); r++) {
            context.progress((r - 1.0) / total, "round " + r + " of at most " + rounds);
            TableVerifier.Report report = round(context, s, store, fs, runDir.resolve("round-" + r));
            if (!report.passed() && !"explained".equals(report.outcome())) {
                context.emitter().emit(new AppEvent.Note(name() + ": round " + r + " verify " + report.outcome()
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
        DeltaWorkload.Config config = new DeltaWorkload.Config(table, s.getInt("delta.writers"),
                s.getInt("delta.batches"), s.getInt("delta.rows"), s.getInt("delta.payload.bytes"),
                DeltaWorkload.Strategy.parse(s.get("delta.strategy")), parseMode(s.get("delta.operation")),
                parseTable(s.get("delta.table")), parseLogs(s.get("delta.logs")), s.getInt("delta.retry.max"),
                s.getDuration("delta.retry.backoff"), s.getInt("delta.together"));
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

    private static TableWriter.Mode parseMode(String v) {
        return switch (v.trim()) {
            case "blind-append" -> TableWriter.Mode.BLIND_APPEND;
            case "read-append" -> TableWriter.Mode.READ_APPEND;
            case "evolve-schema" -> TableWriter.Mode.EVOLVE_SCHEMA;
            default -> throw new IllegalArgumentException(
                    "delta.operation must be blind-append, read-append or evolve-schema, got '" + v + "'");
        };
    }

    private static boolean parseTable(String v) {
        return switch (v.trim()) {
            case "new" -> false;
            case "existing" -> true;
            default -> throw new IllegalArgumentException("delta.table must be new or existing, got '" + v + "'");
        };
    }

    private static DeltaWorkload.LogSharing parseLogs(String v) {
        return switch (v.trim()) {
            case "shared" -> DeltaWorkload.LogSharing.SHARED;
            case "per-writer" -> DeltaWorkload.LogSharing.PER_WRITER;
            default -> throw new IllegalArgumentException("delta.logs must be shared or per-writer, got '" + v + "'");
        };
    }

    private static DeltaTables.LocalFs parseFs(String v) {
        return switch (v.trim()) {
            case "checksummed" -> DeltaTables.LocalFs.CHECKSUMMED;
            case "raw" -> DeltaTables.LocalFs.RAW;
            default -> throw new IllegalArgumentException("delta.fs must be checksummed or raw, got '" + v + "'");
        };
    }

    static Map<String, String> defaults(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
