package dev.sluice.engine.delta;

import dev.sluice.event.DeltaEvent;
import dev.sluice.event.DeltaEvent.MissingReason;
import dev.sluice.event.DeltaEvent.VerifyOutcome;
import dev.sluice.event.Emitter;
import io.delta.standalone.DeltaLog;
import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.AddFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * Proves what a table holds: reads the latest snapshot's files back to rows with an independent
 * Parquet reader and compares them with the writes — nothing missing that was acknowledged or
 * silently failed, nothing duplicated. Reports its result as events ({@code RowsMissing},
 * {@code RowsDuplicated}, {@code VerifyFailed}, {@code VerifyCompleted}) on the calling thread.
 *
 * <p>Without a record of the writes ({@code expected} null) it checks what the rows themselves can
 * prove: no duplicates, and no holes in any writer's sequence numbers.
 */
public final class TableVerifier {

    /** How verify went. */
    public record Report(URI table, VerifyOutcome outcome, long version, long intendedRows, long acknowledgedRows,
                         long foundRows, long missingRows, long unexplainedRows, long duplicatedRows, int dataFiles,
                         int missingFiles, List<String> problems) {

        public boolean passed() {
            return outcome == VerifyOutcome.PASSED;
        }
    }

    private final Configuration conf;
    private final Emitter emitter;

    public TableVerifier(Configuration conf, Emitter emitter) {
        this.conf = conf;
        this.emitter = emitter;
    }

    /**
     * Verifies {@code table}. A table whose log or files cannot be read yields outcome
     * {@code unreadable}; a location that holds no Delta table at all throws.
     */
    public Report verify(URI table, List<Expected> expected) throws NotADeltaTableException {
        DataFiles data;
        try {
            data = new DataFiles(table, conf);
        } catch (IllegalArgumentException e) {
            throw new NotADeltaTableException(table, e.getMessage());
        }
        try {
            if (!data.hasLog()) {
                throw new NotADeltaTableException(table, (LogStoreKind.Scheme.of(table).onS3() ? "the prefix " + table
                        : "directory " + Path.of(table)) + " has no _delta_log (was it written by Delta?)");
            }
        } catch (NoSuchFileException e) {
            throw new NotADeltaTableException(table, "no such directory " + e.getFile());
        } catch (IOException e) {
            if (S3Trouble.of(e) == S3Trouble.NO_BUCKET) {
                throw new NotADeltaTableException(table, S3Trouble.explain(e, table, conf));
            }
            return unreadable(table, "reach the table", e, expected);
        }
        String name = table.toString();
        List<String> problems = new ArrayList<>();
        Snapshot snapshot;
        List<AddFile> files;
        DeltaLog log;
        try {
            log = DeltaLog.forTable(conf, new org.apache.hadoop.fs.Path(table));
            snapshot = log.update();
            files = snapshot.getAllFiles();
        } catch (RuntimeException e) {
            return unreadable(table, "read log", e, expected);
        }
        Map<String, Map<Long, Integer>> counts = new HashMap<>();
        long found = 0;
        int missingFiles = 0;
        for (AddFile f : files) {
            try {
                if (!data.exists(f.getPath())) {
                    missingFiles++;
                    problems.add("data file missing: " + f.getPath());
                    continue;
                }
                found += data.read(f.getPath(), (writer, seq) ->
                        counts.computeIfAbsent(writer, w -> new HashMap<>()).merge(seq, 1, Integer::sum));
            } catch (IOException | RuntimeException e) {
                emitter.emit(new DeltaEvent.VerifyFailed(name, "read data file " + f.getPath(), e.getClass().getName(),
                        TableWriter.firstLine(e.getMessage())));
                problems.add("data file unreadable: " + f.getPath());
            }
        }
        List<Expected> plan = expected != null ? expected : gaps(counts);
        long intended = 0;
        long acknowledged = 0;
        long missing = 0;
        long unexplained = 0;
        for (Expected e : plan) {
            RowBatch b = e.batch();
            intended += e.ifMissing() == MissingReason.GAP ? 0 : b.rows();
            acknowledged += e.ifMissing() == MissingReason.ACKNOWLEDGED ? b.rows() : 0;
            Map<Long, Integer> mine = counts.getOrDefault(b.writer(), Map.of());
            long runStart = -1;
            for (long seq = b.fromSeq(); seq <= b.toSeq() + 1; seq++) {
                boolean absent = seq <= b.toSeq() && mine.getOrDefault(seq, 0) == 0;
                if (absent && runStart < 0) {
                    runStart = seq;
                } else if (!absent && runStart >= 0) {
                    long n = seq - runStart;
                    missing += n;
                    if (!e.ifMissing().explains()) {
                        unexplained += n;
                        problems.add(n + " rows missing: " + b.writer() + ":" + runStart + "-" + (seq - 1) + " ("
                                + e.ifMissing().id() + lostVersion(log, e) + ")");
                    }
                    emitter.emit(new DeltaEvent.RowsMissing(name, b.writer(), e.ifMissing(),
                            e.file() == null ? "" : e.file(), runStart, seq - 1, n));
                    runStart = -1;
                }
            }
        }
        long duplicated = duplicates(name, counts, problems);
        VerifyOutcome outcome = missingFiles == 0 && duplicated == 0 && unexplained == 0
                ? (missing == 0 ? VerifyOutcome.PASSED : VerifyOutcome.EXPLAINED) : VerifyOutcome.FAILED;
        emitter.emit(new DeltaEvent.VerifyCompleted(name, outcome, snapshot.getVersion(), intended, acknowledged, found,
                missing, unexplained, duplicated, files.size(), missingFiles));
        return new Report(table, outcome, snapshot.getVersion(), intended, acknowledged, found, missing, unexplained,
                duplicated, files.size(), missingFiles, List.copyOf(problems));
    }

    /** {@code , acknowledged as version 7, which holds writer-2's WRITE}: who took the version a lost commit was told it got. */
    private static String lostVersion(DeltaLog log, Expected e) {
        if (e.version() < 0) {
            return "";
        }
        CommitProbe.Winner holder = CommitProbe.winnerAt(log, e.version());
        return ", acknowledged as version " + e.version() + (holder.version() < 0 ? ", which the log cannot show"
                : ", which holds " + holder.writer() + "'s " + holder.operation());
    }

    private Report unreadable(URI table, String stage, Exception e, List<Expected> expected) {
        emitter.emit(new DeltaEvent.VerifyFailed(table.toString(), stage, e.getClass().getName(),
                TableWriter.firstLine(e.getMessage())));
        long intended = expected == null ? 0 : expected.stream().mapToLong(x -> x.batch().rows()).sum();
        long acknowledged = expected == null ? 0 : expected.stream()
                .filter(x -> x.ifMissing() == MissingReason.ACKNOWLEDGED).mapToLong(x -> x.batch().rows()).sum();
        emitter.emit(new DeltaEvent.VerifyCompleted(table.toString(), VerifyOutcome.UNREADABLE, -1, intended, acknowledged, 0, 0, 0,
                0, 0, 0));
        return new Report(table, VerifyOutcome.UNREADABLE, -1, intended, acknowledged, 0, 0, 0, 0, 0, 0,
                List.of(stage + ": " + (LogStoreKind.Scheme.of(table).onS3() ? S3Trouble.explain(e, table, conf)
                        : S3Trouble.plain(e))));
    }

    private long duplicates(String table, Map<String, Map<Long, Integer>> counts, List<String> problems) {
        long duplicated = 0;
        for (Map.Entry<String, Map<Long, Integer>> w : new TreeMap<>(counts).entrySet()) {
            TreeMap<Long, Integer> dups = new TreeMap<>();
            w.getValue().forEach((seq, n) -> {
                if (n > 1) {
                    dups.put(seq, n);
                }
            });
            long from = -1;
            long prev = -2;
            int copies = 0;
            for (Map.Entry<Long, Integer> d : dups.entrySet()) {
                if (d.getKey() != prev + 1 || d.getValue() != copies) {
                    duplicated += flushDuplicates(table, w.getKey(), from, prev, copies, problems);
                    from = d.getKey();
                    copies = d.getValue();
                }
                prev = d.getKey();
            }
            duplicated += flushDuplicates(table, w.getKey(), from, prev, copies, problems);
        }
        return duplicated;
    }

    private long flushDuplicates(String table, String writer, long from, long to, int copies, List<String> problems) {
        if (from < 0) {
            return 0;
        }
        long rows = (to - from + 1) * (copies - 1);
        problems.add("rows " + writer + ":" + from + "-" + to + " found " + copies + " times");
        emitter.emit(new DeltaEvent.RowsDuplicated(table, writer, from, to, copies));
        return rows;
    }

    /** Without a record of the writes: each writer's rows should be 0..max without holes. */
    private static List<Expected> gaps(Map<String, Map<Long, Integer>> counts) {
        List<Expected> plan = new ArrayList<>();
        for (Map.Entry<String, Map<Long, Integer>> w : new TreeMap<>(counts).entrySet()) {
            long max = w.getValue().keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
            if (max >= 0 && max < Integer.MAX_VALUE) {
                plan.add(new Expected(new RowBatch(w.getKey() + "/all", w.getKey(), 0, 0, (int) max + 1), null,
                        MissingReason.GAP));
            }
        }
        return plan;
    }
}
