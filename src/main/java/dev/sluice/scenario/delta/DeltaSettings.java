package dev.sluice.scenario.delta;

import dev.sluice.engine.delta.DeltaTables;
import dev.sluice.engine.delta.DeltaWorkload;
import dev.sluice.engine.delta.LogStoreKind;
import dev.sluice.engine.delta.TableWriter;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.SettingType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The one declaration of every Delta setting ({@code delta.fs} is shared by the writing scenarios
 * and {@code delta-verify}). Writers are threads of this process, so their number is capped well
 * below what would exhaust a laptop.
 */
public final class DeltaSettings {

    /** Whether the writers find a table or an empty directory. */
    public enum TableStart { NEW, EXISTING }

    public static final Setting<Integer> WRITERS = Setting.of("delta.writers", SettingType.integer(1, 64), "8",
            "concurrent writer threads");
    public static final Setting<Integer> BATCHES = Setting.of("delta.batches", SettingType.integer(1, 10_000), "4",
            "batches (commits) per writer");
    public static final Setting<Integer> ROWS = Setting.of("delta.rows", SettingType.integer(1, 1_000_000), "500",
            "rows per batch; each row carries (writer, sequence)");
    public static final Setting<Integer> PAYLOAD_BYTES = Setting.of("delta.payload.bytes", SettingType.integer(0, 65_536),
            "32", "size of each row's payload string");
    public static final Setting<DeltaWorkload.Strategy> STRATEGY = Setting.of("delta.strategy",
            SettingType.choice(DeltaWorkload.Strategy.class), "first-writer-creates",
            "naive, first-writer-creates, retry or fire-and-forget");
    public static final Setting<TableWriter.Mode> OPERATION = Setting.of("delta.operation",
            SettingType.choice(TableWriter.Mode.class), "blind-append",
            "blind-append, read-append (reads the table first) or evolve-schema (each writer's first batch adds a column)");
    public static final Setting<TableStart> TABLE = Setting.of("delta.table", SettingType.choice(TableStart.class), "new",
            "new (writers find no table) or existing (created before they start)");
    public static final Setting<DeltaWorkload.LogSharing> LOGS = Setting.of("delta.logs",
            SettingType.choice(DeltaWorkload.LogSharing.class), "shared",
            "shared (one DeltaLog per table, as in one process) or per-writer (one each, as separate processes)");
    public static final Setting<LogStoreKind> LOG_STORE = Setting.of("delta.logStore", SettingType.choice(LogStoreKind.class),
            "sluice", "sluice (atomic publish, fails if the version exists) or delta-default (delta-standalone's local store)");
    public static final Setting<DeltaTables.LocalFs> FS = Setting.of("delta.fs", SettingType.choice(DeltaTables.LocalFs.class),
            "checksummed", "Hadoop local file system for reading the log: checksummed or raw");
    public static final Setting<Integer> RETRY_MAX = Setting.of("delta.retry.max", SettingType.integer(0, 1000), "20",
            "conflicts retried per batch under delta.strategy=retry");
    public static final Setting<Duration> RETRY_BACKOFF = Setting.of("delta.retry.backoff",
            SettingType.duration(Duration.ZERO, Duration.ofSeconds(10)), "10ms",
            "first retry pause; doubles per retry up to 1 s, with jitter");
    public static final Setting<Integer> TOGETHER = Setting.of("delta.together", SettingType.integer(0, 10_000), "0",
            "first N batches of all writers commit together (all read, then all commit) so a race shows the same way every run");
    public static final Setting<Integer> ROUNDS = Setting.of("delta.rounds", SettingType.integer(1, 1000), "1",
            "tables written one after another; stops at the first that fails verify");
    public static final Setting<Integer> CONTROL_ROUNDS = Setting.of("delta.control.rounds", SettingType.integer(0, 100), "0",
            "rounds repeated afterwards with delta.logStore=sluice, as the control");
    public static final Setting<Path> VERIFY_TABLE = Setting.of("delta.verify.table",
            SettingType.path(SettingType.PathType.Is.EXISTING_DIRECTORY), "",
            "the table: a directory or a file: URI (required)");

    /** Every setting a writing Delta scenario reads, with the defaults of the healthy case. */
    static final List<Setting<?>> WORKLOAD = List.of(WRITERS, BATCHES, ROWS, PAYLOAD_BYTES, STRATEGY, OPERATION, TABLE, LOGS,
            LOG_STORE, FS, RETRY_MAX, RETRY_BACKOFF, TOGETHER, ROUNDS, CONTROL_ROUNDS);

    private DeltaSettings() {
    }
}
