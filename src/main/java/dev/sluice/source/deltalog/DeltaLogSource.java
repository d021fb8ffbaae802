package dev.sluice.source.deltalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.event.DeltaEvent;
import dev.sluice.event.DeltaEvent.CommitOperation;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.RunInfo;
import dev.sluice.source.RecordedSource;
import dev.sluice.source.RecordingSink;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Delta table's transaction log as a recorded stream: every commit, in version order, as the
 * commit events the Delta engine's probes emit (so the Commits view draws the version line and a
 * lane per writer) plus {@link DeltaEvent.CommitLogged} and {@link DeltaEvent.FileLogged} with what
 * only the log knows. Time is the commits' own clock from the first commit on, never running
 * backwards (writers' clocks differ). One commit is in memory at a time.
 */
final class DeltaLogSource implements RecordedSource {

    /** Sluice's own writers name themselves in the commit's user metadata (the Delta engine's CommitProbe). */
    static final String SLUICE_WRITER = "sluice.writer=";
    static final String SCENARIO = "delta-log";

    private final String name;
    private final Path tableDir;
    private final String table;
    private final ObjectMapper json = new ObjectMapper();

    DeltaLogSource(String name, Path tableDir) {
        this.name = name;
        this.tableDir = tableDir;
        this.table = tableDir.toAbsolutePath().normalize().toUri().toString();
    }

    @Override
    public SourceKind kind() {
        return SourceKind.DELTA_LOG;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Ending stream(RecordingSink sink) throws SourceException {
        LogListing log;
        try {
            log = LogListing.of(tableDir.resolve(LogListing.LOG_DIR), json);
        } catch (IOException e) {
            throw new SourceException(name, "cannot list " + LogListing.LOG_DIR + ": " + e.getMessage(), e);
        }
        if (log.commits().isEmpty()) {
            throw new SourceException(name, LogListing.LOG_DIR + " holds no commit file (00000000000000000000.json …)"
                    + (log.checkpoints().isEmpty() ? "" : "; reading checkpoints alone is not supported"));
        }
        Emission out = new Emission(sink);
        CommitParser parser = new CommitParser(json);
        List<String> unreadable = new ArrayList<>();
        long previous = -1;
        String tableId = "";
        String schema = null;
        for (Map.Entry<Long, Path> entry : log.commits().entrySet()) {
            long version = entry.getKey();
            Path file = entry.getValue();
            if (!out.opened) {
                // the run starts at the first commit's time; checkpoints older than it come first
                open(out, log, parser, version, file);
                for (LogListing.Checkpoint cp : log.checkpointsBefore(version)) {
                    out.emit("log", checkpoint(cp, log));
                }
            } else {
                for (LogListing.Checkpoint cp : log.checkpointsBetween(previous + 1, version)) {
                    out.emit("log", checkpoint(cp, log));
                }
            }
            LoggedCommit c;
            try {
                c = parser.read(version, file);
            } catch (CommitParser.UnreadableCommit e) {
                unreadable.add("v" + version + " (" + file.getFileName() + (e.line() > 0 ? " line " + e.line() : "")
                        + ": " + e.getMessage() + ")");
                out.at(modified(file));
                out.emit("log", new DeltaEvent.LogUnreadable(table, version, file.getFileName().toString(), e.line(),
                        e.getMessage()));
                previous = version;
                continue;
            } catch (IOException e) {
                throw new SourceException(name, "cannot read " + file + ": " + e.getMessage(), e);
            }
            boolean created = version == 0 || (!c.tableId().isEmpty() && !tableId.isEmpty() && !c.tableId().equals(tableId));
            boolean changedSchema = !created && c.schema() != null && schema != null && !c.schema().equals(schema);
            if (!c.tableId().isEmpty()) {
                tableId = c.tableId();
            }
            if (c.schema() != null) {
                schema = c.schema();
            }
            emitCommit(out, c, created, changedSchema);
            previous = version;
        }
        for (LogListing.Checkpoint cp : log.checkpointsBetween(previous + 1, Long.MAX_VALUE)) {
            out.emit("log", checkpoint(cp, log));
        }
        if (unreadable.isEmpty()) {
            return Ending.whole();
        }
        return Ending.partial((unreadable.size() == 1 ? "commit " : unreadable.size() + " commits ")
                + String.join(", ", unreadable) + (unreadable.size() == 1 ? " is unreadable; what it did" : " are unreadable; "
                + "what they did") + " to the table is unknown");
    }

    private void open(Emission out, LogListing log, CommitParser parser, long first, Path file) throws SourceException {
        long start;
        try {
            start = parser.read(first, file).timestampMillis();
        } catch (CommitParser.UnreadableCommit e) {
            start = modified(file); // reported with the commits, where its place in the stream is
        } catch (IOException e) {
            throw new SourceException(name, "cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("table", table);
        settings.put("versions", first + ".." + log.commits().lastKey());
        settings.put("checkpoints", String.valueOf(log.checkpoints().size()));
        out.origin = start;
        out.runId = SCENARIO + "-" + Integer.toHexString(Objects.hash(table, first, start));
        out.sink.open(new RunInfo(out.runId, SCENARIO, settings, Instant.ofEpochMilli(start), RunInfo.currentVersion()));
        out.opened = true;
    }

    private void emitCommit(Emission out, LoggedCommit c, boolean created, boolean changedSchema) throws SourceException {
        String writer = writer(c);
        String attempt = "v" + c.version();
        String batch = c.txnAppId().isEmpty() ? attempt : c.txnAppId() + "/" + c.txnVersion();
        // the view's bar needs a read version: a writer that recorded none is drawn as reading the one before
        long read = c.readVersion() >= 0 ? c.readVersion() : c.version() - 1;
        CommitOperation op = created ? CommitOperation.CREATE_TABLE
                : changedSchema ? CommitOperation.ADD_COLUMNS : CommitOperation.WRITE;
        long rows = Math.max(0, c.rowsAdded());
        out.at(c.timestampMillis());
        out.emit(writer, new DeltaEvent.CommitAttempted(writer, table, attempt, batch, op, read, 0, rows));
        out.emit(writer, new DeltaEvent.CommitLogged(table, c.version(), c.timestampMillis(), c.operation(), writer,
                c.engineInfo(), c.readVersion(), c.blindAppend(), c.txnAppId(), c.txnVersion(),
                c.filesAdded(), c.filesRemoved(), c.bytesAdded(), c.rowsAdded(), c.tableId(), changedSchema,
                c.protocol()));
        for (LoggedCommit.FileAction f : c.files()) {
            out.emit(writer, new DeltaEvent.FileLogged(table, c.version(),
                    f.add() ? DeltaEvent.FileAction.ADD : DeltaEvent.FileAction.REMOVE, f.path(), f.dataChange(), f.size()));
        }
        out.emit(writer, new DeltaEvent.CommitSucceeded(writer, table, attempt, batch, c.version(), read, 0, rows,
                (int) Math.min(Integer.MAX_VALUE, c.filesAdded()), c.bytesAdded(), created, changedSchema));
    }

    /** Who committed: Sluice's writer name, else the txn appId, engineInfo or txnId. */
    static String writer(LoggedCommit c) {
        if (c.userMetadata().startsWith(SLUICE_WRITER)) {
            return c.userMetadata().substring(SLUICE_WRITER.length());
        }
        for (String who : List.of(c.txnAppId(), c.engineInfo(), c.txnId())) {
            if (!who.isEmpty()) {
                return who;
            }
        }
        return "unknown writer";
    }

    private DeltaEvent.CheckpointLogged checkpoint(LogListing.Checkpoint cp, LogListing log) {
        return new DeltaEvent.CheckpointLogged(table, cp.version(), cp.parts(), cp.bytes(), cp.version() == log.lastCheckpoint());
    }

    private static long modified(Path file) throws SourceException {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new SourceException(file.toString(), "cannot read its modification time: " + e.getMessage(), e);
        }
    }

    /** Stamps events with the commits' clock, relative to the first commit and never decreasing. */
    private static final class Emission {
        private final RecordingSink sink;
        private boolean opened;
        private String runId;
        private long origin;
        private long nanos;

        Emission(RecordingSink sink) {
            this.sink = sink;
        }

        void at(long millis) {
            nanos = Math.max(nanos, (millis - origin) * 1_000_000L);
        }

        void emit(String thread, EventBody body) throws SourceException {
            sink.accept(new Event(runId, nanos, thread, 0, body));
        }
    }
}
