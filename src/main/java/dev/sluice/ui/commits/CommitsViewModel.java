package dev.sluice.ui.commits;

import dev.sluice.detect.ResourceRef;
import dev.sluice.event.Engine;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.delta.CommitAttempt.Outcome;
import dev.sluice.model.delta.CommitAttempt;
import dev.sluice.model.delta.DeltaPart;
import dev.sluice.model.delta.VerifyResult;
import dev.sluice.ui.Band;
import dev.sluice.ui.Frame;
import dev.sluice.ui.Highlight;
import dev.sluice.ui.ListUpdate;
import dev.sluice.ui.PictureViewModel;
import dev.sluice.ui.TimeAxis;
import dev.sluice.ui.TimeText;
import dev.sluice.ui.ViewPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Commits (Delta): a lane per writer with each attempt as a bar (read version → attempted
 * version), failed attempts linked to the commit that won, the table's version line, a filterable
 * table of attempts and the verify result — up to the cursor.
 */
public final class CommitsViewModel extends PictureViewModel {

    /** From this many attempts on, a live snapshot is indexed off the FX thread. */
    static final int OFF_THREAD_ATTEMPTS = 20_000;

    /**
     * One attempt as drawn and listed; {@code winnerLane}/{@code winnerNanos} -1 when no winner is known;
     * {@code highlighted}: the selection names its writer or the attempt itself.
     */
    public record Attempt(int lane, String writer, String attemptId, String operation, int retry, long readVersion,
                          long attemptedVersion, long startNanos, long endNanos, Outcome outcome, String exception,
                          String message, int winnerLane, long winnerNanos, boolean highlighted) {
        /** The outcome as the table and tooltips show it: open, ok or failed. */
        public String outcomeText() {
            return outcome.id();
        }

        public boolean failed() {
            return outcome == Outcome.FAILED;
        }

        /** How long it took (formatted only for the rows and tooltips shown). */
        public String duration() {
            return TimeText.duration(endNanos - startNanos);
        }

        public String versions() {
            return "v" + readVersion + " → " + (attemptedVersion < 0 ? "?" : "v" + attemptedVersion);
        }
    }

    /** A committed version on the version line; {@code highlighted}: the selection names it. */
    public record Version(long version, long nanos, String writer, boolean highlighted) { }

    /** What to draw; every band covers the whole plot; {@code highlightedWriters}: the lanes the selection names. */
    public record Picture(long fromNanos, long toNanos, long cursorNanos, List<String> writers, List<Attempt> attempts,
                          List<Version> versions, List<Band> bands, List<String> highlightedWriters) { }

    private final StringProperty verify = new SimpleStringProperty("");
    private final StringProperty filter = new SimpleStringProperty("");
    // a new list is swapped in whole for a big table: setAll adds a quarter million rows one by one
    private final ObjectProperty<ObservableList<Attempt>> rows = new SimpleObjectProperty<>(FXCollections.observableArrayList());
    private Picture picture = new Picture(0, 1, 0, List.of(), List.of(), List.of(), List.of(), List.of());
    private long rowsKey = -1;
    private long rowsRefreshed;
    private boolean stale;
    private AttemptsByStart byStart;
    private boolean indexing;
    private boolean listing;
    private boolean relist;
    /** Bumped by every index and row list made, so a result from off the FX thread older than either is dropped. */
    private int indexGeneration;
    /** From this many attempts on, scrubbing a replay tallies them off the FX thread (tests lower it). */
    int offUiAttempts = OFF_THREAD_ATTEMPTS;
    private boolean tallying;
    private boolean retally;
    private int tallyGeneration;
    private int rowsGeneration;
    private int failedShown;
    private int endedShown;
    private final ReplayIndexing replayIndexing = new ReplayIndexing(port);

    public CommitsViewModel(ViewPort port) {
        super(port);
        filter.addListener(o -> refreshRows());
    }

    @Override
    @SuppressWarnings("ReferenceEquality") // a new snapshot is a new object; equals would compare whole models
    protected void onFrame(Frame now, Frame previous) {
        if (now.model() != previous.model() || now.cursorNanos() != previous.cursorNanos()) {
            stale = true;
            changed();
        }
    }

    @Override
    protected void onSelection() {
        stale = true;
        changed();
    }

    /** Whether the run shown has commit attempts, started by the cursor or not (an empty picture then means "later"). */
    boolean runHasAttempts() {
        AttemptsByStart index = byStart;
        return index != null && index.size() > 0;
    }

    /**
     * Builds the picture, the summary, the verify line and the table rows for the current frame. Scrubbing a replay
     * of many attempts tallies them off the FX thread (walking a quarter million attempts took longer than a pulse):
     * the last picture stays drawn meanwhile, and a cursor moved again meanwhile is tallied once this one is in.
     */
    private void rebuild() {
        stale = false;
        Frame now = frame();
        AttemptsByStart previous = byStart;
        // a new run's first picture is tallied here: the last run's picture must never stand in for it
        boolean newRun = previous == null || !previous.sameRun(now.model());
        List<ResourceRef> selection = selection();
        Highlight lit = highlight();
        long cursor = now.cursorNanos();
        if (!now.live() && newRun && ReplayIndexing.attemptsIn(now.model()) >= offUiAttempts) {
            indexReplay(now, selection, lit);
            return;
        }
        replayIndexing.cancel();
        AttemptsByStart index = index(now.model());
        byStart = index;
        if (now.live() || newRun || index.size() < offUiAttempts) {
            show(now, index, CommitTally.of(index, cursor, lit), selection, lit);
            return;
        }
        if (tallying) {
            retally = true;
            return;
        }
        tallying = true;
        int generation = ++tallyGeneration;
        boolean[] inline = {true};
        port.offUi(() -> CommitTally.of(index, cursor, lit), tally -> {
            tallying = false;
            if (generation == tallyGeneration && index == byStart) {
                show(now, index, tally, selection, lit);
                if (!inline[0]) {
                    changed();
                }
            }
            if (retally) {
                retally = false;
                stale = true;
                if (!inline[0]) {
                    changed();
                }
            }
        }, () -> {
            tallying = false;
            retally = false;
        });
        inline[0] = false;
    }

    /**
     * A new replay of many attempts is indexed and its first cursor tallied off the FX thread (see {@link
     * ReplayIndexing}); meanwhile the view says so, and a cursor or selection moved meanwhile is tallied once it is in.
     */
    @SuppressWarnings("ReferenceEquality") // a new snapshot is a new object; equals would compare whole models
    private void indexReplay(Frame now, List<ResourceRef> selection, Highlight lit) {
        byStart = null;
        picture = new Picture(0, 1, now.cursorNanos(), List.of(), List.of(), List.of(), List.of(), List.of());
        if (replayIndexing.failed(now.model())) {
            summaryProperty().set("the run's commit attempts could not be indexed (the error was reported)");
            return;
        }
        summaryProperty().set("indexing " + TimeText.count(ReplayIndexing.attemptsIn(now.model())) + " commit attempts …");
        indexGeneration++;
        replayIndexing.start(now.model(), index -> CommitTally.of(index, now.cursorNanos(), lit), (indexed, later) -> {
            byStart = indexed.index();
            if (frame().model() == now.model() && frame().cursorNanos() == now.cursorNanos() && selection().equals(selection)) {
                show(frame(), indexed.index(), indexed.tally(), selection, lit);
            } else {
                stale = true; // the cursor or the selection moved meanwhile
            }
            if (later) {
                changed();
            }
        });
    }

    /** How many attempts of a new replay are being indexed off the FX thread; 0 when none are. */
    int indexing() {
        return replayIndexing.attempts();
    }

    /** Shows {@code tally} of the attempts started by {@code now}'s cursor: picture, summary, verify line and rows. */
    private void show(Frame now, AttemptsByStart index, CommitTally tally, List<ResourceRef> selection, Highlight lit) {
        picture = build(now.model(), now.cursorNanos(), index, tally, selection, lit);
        failedShown = tally.failed();
        endedShown = tally.failed() + tally.ok();
        long failed = failedShown;
        summaryProperty().set(picture.writers().isEmpty() ? (index.size() == 0 ? "no Delta commits in this run"
                : "no Delta commit started by the cursor · " + index.size() + " later in the run")
                : picture.writers().size() + " writers · " + picture.attempts().size() + " attempts · " + failed
                + " failed · table at v" + picture.versions().stream().mapToLong(Version::version).max().orElse(-1));
        VerifyResult v = null;
        for (VerifyResult r : DeltaPart.of(now.model()).verifies()) {
            if (r.nanos() <= now.cursorNanos()) {
                v = r;
            }
        }
        verify.set(v == null ? "" : VerifySentence.of(v));
        long key = picture.attempts().size() * 1_000_003L + endedShown;
        // during a busy live run the table is refreshed at most twice a second
        long clock = port.nanoTime();
        if (key != rowsKey && (!now.live() || clock - rowsRefreshed > 500_000_000L)) {
            rowsKey = key;
            rowsRefreshed = clock;
            refreshRows();
        }
    }

    private Picture build(ModelSnapshot m, long cursor, AttemptsByStart index, CommitTally tally, List<ResourceRef> selection,
                          Highlight lit) {
        List<CommitAttempt> all = tally.all();
        Map<Long, Version> versions = tally.versions();
        // built when read: the view draws the newest few thousand, the table lists at most twice a second
        List<Attempt> out = new AbstractList<>() {
            @Override
            public Attempt get(int i) {
                return attempt(all.get(i), cursor, versions, index, lit);
            }

            @Override
            public int size() {
                return all.size();
            }
        };
        long to = index.lastStartBy(cursor);
        // the axis spans the commits of the whole run, so it does not jump while playing
        long allFrom = index.fromNanos() == Long.MAX_VALUE ? 0 : index.fromNanos();
        long allTo = Math.max(Math.max(0, to), index.toNanos());
        TimeAxis span = span(TimeAxis.padded(allFrom, allTo, 30, 500_000));
        List<Band> bands = Band.of(m.findings(), cursor, selection,
                f -> f.engine() == Engine.DELTA ? IntStream.of(Band.WHOLE_PLOT) : IntStream.empty());
        List<String> writers = index.writersBy(cursor);
        List<String> litWriters = writers.stream().filter(w -> lit.names("writer", w)).toList();
        return new Picture(span.fromNanos(), span.toNanos(), cursor, writers, out, List.copyOf(versions.values()), bands,
                litWriters);
    }

    private static Attempt attempt(CommitAttempt a, long cursor, Map<Long, Version> versions, AttemptsByStart index,
                                   Highlight lit) {
        boolean ended = a.endNanos() >= 0 && a.endNanos() <= cursor;
        Outcome outcome = ended ? a.outcome() : Outcome.OPEN;
        Version winner = ended && outcome == Outcome.FAILED ? versions.get(a.winningVersion()) : null;
        return new Attempt(index.lane(a.writer()), a.writer(), a.attemptId(), a.operation(), a.retry(),
                a.readVersion(), ended ? a.attemptedVersion() : -1, a.startNanos(), ended ? a.endNanos() : cursor, outcome,
                ended ? a.exception() : null, ended ? a.message() : null,
                winner == null ? -1 : index.lane(winner.writer()), winner == null ? -1 : winner.nanos(),
                lit.names("writer", a.writer()) || lit.names("attempt", a.attemptId()));
    }

    /**
     * The index of {@code m}. While a live run has many attempts, a new snapshot is indexed off the
     * FX thread (decoding and sorting them all took longer than a pulse) and the newest finished
     * index is drawn meanwhile, a pulse or two behind; a replay or a finished run is indexed here.
     */
    private AttemptsByStart index(ModelSnapshot m) {
        AttemptsByStart current = byStart;
        if (current != null && current.indexes(m)) {
            return current;
        }
        if (current != null && !current.sameRun(m)) {
            current = null; // a new run (attach, open): the last run's attempts must never be drawn for it
        }
        if (!frame().live() || current == null || current.size() < OFF_THREAD_ATTEMPTS) {
            indexGeneration++;
            return AttemptsByStart.of(current, m);
        }
        if (!indexing) {
            indexing = true;
            int generation = ++indexGeneration;
            boolean[] inline = {true};
            port.offUi(() -> AttemptsByStart.of(null, m), fresh -> {
                indexing = false;
                if (generation != indexGeneration) {
                    return; // a newer index was made meanwhile
                }
                byStart = fresh;
                if (!inline[0]) {
                    stale = true;
                    changed();
                }
            }, () -> indexing = false);
            inline[0] = false;
        }
        return byStart;
    }

    private void refreshRows() {
        String text = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
        List<Attempt> attempts = picture.attempts();
        Predicate<Attempt> shown = a -> text.isEmpty()
                || (a.writer() + " " + a.attemptId() + " " + a.outcome().id() + " " + a.exception() + " " + a.operation())
                .toLowerCase(Locale.ROOT).contains(text);
        if (attempts.size() >= OFF_THREAD_ATTEMPTS) {
            // building every row took longer than a pulse: listed off the FX thread, swapped in whole;
            // asked again meanwhile (scrubbing), it lists the newest picture once this one is in
            if (listing) {
                relist = true;
                return;
            }
            listing = true;
            int generation = ++rowsGeneration;
            port.offUi(() -> FXCollections.observableArrayList(attempts.stream().filter(shown).toList()), list -> {
                listing = false;
                if (generation == rowsGeneration) {
                    rows.set(list); // else rows listed here since are newer
                }
                if (relist) {
                    relist = false;
                    refreshRows();
                }
            }, () -> {
                listing = false;
                relist = false;
            });
            return;
        }
        rowsGeneration++;
        ListUpdate.replace(rows.get(), attempts.stream().filter(shown).toList());
    }

    /** The visible attempts as CSV (header first). */
    public String csv() {
        StringBuilder sb = new StringBuilder("writer,attempt,operation,retry,read_version,attempted_version,start_s,end_s,outcome,exception\n");
        for (Attempt a : rows.get()) {
            sb.append(String.join(",", a.writer(), a.attemptId(), quote(a.operation()), String.valueOf(a.retry()),
                    String.valueOf(a.readVersion()), String.valueOf(a.attemptedVersion()),
                    String.format(Locale.ROOT, "%.6f", a.startNanos() / 1e9),
                    String.format(Locale.ROOT, "%.6f", a.endNanos() / 1e9), a.outcomeText(),
                    quote(a.exception() == null ? "" : a.exception()))).append('\n');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** The picture of the current frame, built on first request (the view asks only while shown). */
    public Picture picture() {
        if (stale) {
            rebuild();
        }
        return picture;
    }

    /** Saves the listed attempts as CSV to {@code file}, off the UI thread. */
    public void exportCsv(Path file) {
        String csv = csv();
        port.write(file, rows.get().size() + " attempts", target -> Files.writeString(target, csv, StandardCharsets.UTF_8));
    }

    /** The table's rows now; {@link #rowsProperty()} changes when a big table is swapped in whole. */
    public ObservableList<Attempt> rows() {
        return rows.get();
    }

    public ReadOnlyObjectProperty<ObservableList<Attempt>> rowsProperty() {
        return rows;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public StringProperty verifyProperty() {
        return verify;
    }
}
