package dev.sluice.source.deltalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.event.AppEvent;
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
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Delta table's transaction log as a recorded stream: every commit, in version order, as the
 * commit events the Delta engine's probes emit (so the Commits view draws the version line and a
 * lane per writer) plus {@link DeltaEvent.CommitLogged} and {@link DeltaEvent.FileLogged} with what
 * only the log knows. Time is the commits' own clock from the first commit on, never running
 * backwards (writers' clocks differ). One commit is in memory at a time.
 */
final class DeltaLogSource implements RecordedSource {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaLogSource.class);

    /** Sluice's own writers name themselves in the commit's user metadata (the Delta engine's CommitProbe). */
    static final String SLUICE_WRITER = "sluice.writer=";
    static final String SCENARIO = "delta-log";
    /** The run setting that says where the history starts when early commit files were cleaned up. */
    static final String HISTORY_SETTING = "history";

    private final String name;
    private final LogStore store;
    private final String table;
    private final ObjectMapper json = new ObjectMapper();

    DeltaLogSource(String name, LogStore store) {
        this.name = name;
        this.store = store;
        this.table = store.table();
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
        try (LogStore s = store) {
            return stream(s, sink);
        } catch (IOException e) {
            throw new SourceException(name, "cannot be closed: " + e.getMessage(), e);
        }
    }

    private Ending stream(LogStore s, RecordingSink sink) throws SourceException {
        LogListing log;
        try {
            log = LogListing.of(s, json);
        } catch (IOException e) {
            throw new SourceException(name, "cannot list " + LogListing.LOG_DIR + ": " + e.getMessage(), e);
        }
        if (log.commits().isEmpty()) {
            throw new SourceException(name, LogListing.LOG_DIR + " holds no commit file (00000000000000000000.json …)"
                    + (log.checkpoints().isEmpty() ? "" : "; reading checkpoints alone is not supported"));
        }
        List<String> unreadable = new ArrayList<>();
        LogListing.Checkpoint startCheckpoint = log.historyStart();
        CheckpointReader.TableState start = null;
        if (startCheckpoint != null) {
            try {
                start = CheckpointReader.read(s, startCheckpoint);
            } catch (IOException e) {
                // still no gap (the checkpoint is there), but the table's state at the start is unknown
                LOG.debug("checkpoint v{} of {} does not read", startCheckpoint.version(), name, e);
                unreadable.add("checkpoint v" + startCheckpoint.version() + " (" + e.getMessage() + ")");
                start = new CheckpointReader.TableState(startCheckpoint.version(), "unknown (the checkpoint does not read)",
                        "", "");
            }
        }
        Emission out = new Emission(sink);
        CommitParser parser = new CommitParser(json);
        long previous = -1;
        String tableId = start == null ? "" : start.tableId();
        String schema = start == null || start.schema().isEmpty() ? null : start.schema();
        for (Map.Entry<Long, LogStore.Entry> entry : log.commits().entrySet()) {
            long version = entry.getKey();
            LogStore.Entry file = entry.getValue();
            if (!out.opened) {
                // the run starts at the first commit's time; checkpoints older than it come first, and so does the
                // one the history starts at even at the first commit's own version (it stands for v0..vN)
                open(out, log, parser, version, file, start);
                for (LogListing.Checkpoint cp : log.checkpointsBefore(start != null && start.version() == version
                        ? version + 1 : version)) {
                    out.emit("log", checkpoint(cp, log));
                }
            } else {
                for (LogListing.Checkpoint cp : log.checkpointsBetween(previous + 1, version)) {
                    out.emit("log", checkpoint(cp, log));
                }
            }
            LoggedCommit c;
            try {
                c = read(parser, version, file);
            } catch (CommitParser.UnreadableCommit e) {
                unreadable.add("v" + version + " (" + file.name() + (e.line() > 0 ? " line " + e.line() : "")
                        + ": " + e.getMessage() + ")");
                out.at(file.modifiedMillis());
                out.emit("log", new DeltaEvent.LogUnreadable(table, version, file.name(), e.line(), e.getMessage()));
                previous = version;
                continue;
            }
            // a commit right after the checkpoint the history starts at is no creation (v0 was cleaned up)
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
        boolean commitsOnly = unreadable.stream().noneMatch(u -> u.startsWith("checkpoint"));
        return Ending.partial((commitsOnly ? unreadable.size() == 1 ? "commit " : unreadable.size() + " commits " : "")
                + String.join(", ", unreadable) + (unreadable.size() == 1 ? " is unreadable; what it did" : " are unreadable; "
                + "what they did") + " to the table is unknown");
    }

    private LoggedCommit read(CommitParser parser, long version, LogStore.Entry file)
            throws SourceException, CommitParser.UnreadableCommit {
        try (InputStream in = store.open(file)) {
            return parser.read(version, in, file.modifiedMillis());
        } catch (IOException e) {
            throw new SourceException(name, "cannot read " + store.where(file) + ": " + e.getMessage(), e);
        }
    }

    private void open(Emission out, LogListing log, CommitParser parser, long first, LogStore.Entry file,
                      CheckpointReader.TableState start) throws SourceException {
        long startMillis;
        try {
            startMillis = read(parser, first, file).timestampMillis();
        } catch (CommitParser.UnreadableCommit e) {
            startMillis = file.modifiedMillis(); // reported with the commits, where its place in the stream is
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("table", table);
        settings.put("versions", first + ".." + log.commits().lastKey());
        settings.put("checkpoints", String.valueOf(log.checkpoints().size()));
        if (start != null) {
            settings.put(HISTORY_SETTING, historyStart(start, first));
            settings.put("checkpoint.protocol", start.protocol());
        }
        out.origin = startMillis;
        out.runId = SCENARIO + "-" + Integer.toHexString(Objects.hash(table, first, startMillis));
        out.sink.open(new RunInfo(out.runId, SCENARIO, settings, Instant.ofEpochMilli(startMillis), RunInfo.currentVersion()));
        out.opened = true;
        if (start != null) {
            out.emit("log", new AppEvent.Note(historyStart(start, first) + "; its protocol is " + start.protocol()));
        }
    }

    /** "history starts at checkpoint v10 (commit files v0..v9 were cleaned up)": what the log no longer shows. */
    static String historyStart(CheckpointReader.TableState start, long firstCommit) {
        long lastGone = Math.min(start.version(), firstCommit - 1);
        return "history starts at checkpoint v" + start.version() + " (commit files " + (lastGone == 0 ? "v0" : "v0..v" + lastGone)
                + " were cleaned up: what they did is summed up in the checkpoint, not a gap)";
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
