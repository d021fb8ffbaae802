package dev.sluice.ui.findings;

import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingsJson;
import dev.sluice.detect.Fix;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.ResourceRef;
import dev.sluice.detect.Severity;
import dev.sluice.event.Engine;
import dev.sluice.ui.Frame;
import dev.sluice.ui.ListUpdate;
import dev.sluice.ui.LiveBudget;
import dev.sluice.ui.TimeText;
import dev.sluice.ui.ViewPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The findings list: every finding of the run, filtered by engine, severity, code and text; those
 * that start after the cursor are marked "ahead". Selecting one seeks the timeline to it.
 */
public final class FindingsViewModel {

    /**
     * One row; {@code ahead} when it starts after the cursor; {@code doubt} says why it is not
     * confirmed (a cut trace), empty when it is.
     */
    public record Row(String id, Severity severity, Engine engine, FindingCode code, long startNanos, String start,
                      String title, String explanation, String fix, Fix settingFix, String resources, String span,
                      boolean ahead, String doubt) {

        public boolean confirmed() {
            return doubt.isEmpty();
        }
    }

    public static final String ALL = "all";

    private final ViewPort port;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private static final String NO_RUN = "No findings yet: run a scenario or open a trace.";
    private final StringProperty engine = new SimpleStringProperty(ALL);
    private final StringProperty severity = new SimpleStringProperty(ALL);
    private final StringProperty code = new SimpleStringProperty(ALL);
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty count = new SimpleStringProperty("");
    private final StringProperty analysisFailure = new SimpleStringProperty("");
    private final StringProperty emptyText = new SimpleStringProperty(NO_RUN);
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private Consumer<Finding> runWithFix = f -> { };
    private List<Finding> findings = List.of();
    private long cursor;
    private int aheadCount = -1;
    private final LiveBudget budget;
    private Frame shown = Frame.EMPTY;

    public FindingsViewModel(ViewPort port) {
        this.port = port;
        this.budget = new LiveBudget(port::nanoTime);
        port.frameProperty().addListener((obs, old, frame) -> onFrame(frame));
        engine.addListener(o -> refresh());
        severity.addListener(o -> refresh());
        code.addListener(o -> refresh());
        search.addListener(o -> refresh());
    }

    void onFrame(Frame frame) {
        port.confine("findings update");
        Frame previous = shown;
        shown = frame;
        String failure = frame.model().analysisFailure();
        analysisFailure.set(failure == null ? "" : "Analysis failed — the findings below are incomplete: " + failure);
        emptyText.set(emptyText(rows.isEmpty())); // the run may have started or ended with its findings unchanged
        // a live run's new findings at most a few times a second: each change of the table's items
        // updates and restyles every visible row; a held-back change shows with a later frame
        if (budget.holds(frame, previous)) {
            return;
        }
        cursor = frame.cursorNanos();
        List<Finding> now = frame.model().findings();
        int ahead = (int) now.stream().filter(f -> f.startNanos() > cursor).count();
        // a live run publishes a new (equal) list with every snapshot: refresh only on real change
        if ((now != findings && !now.equals(findings)) || ahead != aheadCount) {
            findings = now;
            aheadCount = ahead;
            budget.shown();
            refresh();
        }
    }

    private void refresh() {
        String text = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        List<Row> out = new ArrayList<>();
        for (Finding f : findings) {
            if (!ALL.equals(engine.get()) && !f.engine().id().equals(engine.get())) {
                continue;
            }
            if (!ALL.equals(severity.get()) && !f.severity().id().equals(severity.get())) {
                continue;
            }
            if (!ALL.equals(code.get()) && !f.code().name().equals(code.get())) {
                continue;
            }
            String resources = f.resources().stream().map(ResourceRef::toString).collect(Collectors.joining(", "));
            if (!text.isEmpty() && !(f.title() + " " + f.code() + " " + f.explanation() + " " + resources)
                    .toLowerCase(Locale.ROOT).contains(text)) {
                continue;
            }
            String span = f.isOpen() ? "from " + TimeText.seconds(f.startNanos()) + ", still open"
                    : TimeText.seconds(f.startNanos()) + " → " + TimeText.seconds(f.endNanos())
                    + " (" + TimeText.duration(f.endNanos() - f.startNanos()) + ")";
            out.add(new Row(f.id(), f.severity(), f.engine(), f.code(), f.startNanos(), TimeText.seconds(f.startNanos()),
                    f.title(), f.explanation(), f.fix(), f.settingFix(), resources, span, f.startNanos() > cursor,
                    f.doubt()));
        }
        Row keep = selected.get();
        ListUpdate.replace(rows, out);
        long unconfirmed = findings.stream().filter(f -> !f.confirmed()).count();
        count.set((out.size() == findings.size() ? findings.size() + " in this run"
                : out.size() + " of " + findings.size() + " shown")
                + (unconfirmed == 0 ? "" : " · " + unconfirmed + " unconfirmed (the trace ends early)"));
        emptyText.set(emptyText(out.isEmpty()));
        if (keep != null) {
            selected.set(out.stream().filter(r -> r.id().equals(keep.id())).findFirst().orElse(null));
        }
    }

    /** What the empty table says: a run still going may find more; a whole run without one is not "yet". */
    private String emptyText(boolean noneShown) {
        if (!noneShown) {
            return "";
        }
        if (!findings.isEmpty()) {
            return "No finding matches the filters.";
        }
        if (shown.model().eventCount() == 0) {
            return NO_RUN;
        }
        return shown.live() ? "No findings yet: the run is still going." : "No findings: no detector matched this run.";
    }

    /** The table's placeholder text. */
    public StringProperty emptyTextProperty() {
        return emptyText;
    }

    /** What "Run with the fix" does with a finding (the console starts the fixed run and compares). */
    public void onRunWithFix(Consumer<Finding> action) {
        this.runWithFix = action;
    }

    /** Runs the selected finding's scenario again with its fix; nothing when it has no fix as settings. */
    public void runWithFix() {
        port.confine("run with the fix");
        Row row = selected.get();
        if (row == null || row.settingFix() == null) {
            return;
        }
        findings.stream().filter(f -> f.id().equals(row.id())).findFirst().ifPresent(runWithFix);
    }

    /** The user picked a row: seek the timeline to it and select its resources. */
    public void select(Row row) {
        port.confine("finding selection");
        Row before = selected.get();
        selected.set(row);
        // the table re-selects the same finding when its rows are refreshed: that is no new choice
        if (row == null || (before != null && before.id().equals(row.id()))) {
            return;
        }
        for (Finding f : findings) {
            if (f.id().equals(row.id())) {
                port.focus(f);
                return;
            }
        }
    }

    /** The findings listed now (after the filters), in their order: what an export writes. */
    public List<Finding> listed() {
        List<String> ids = rows.stream().map(Row::id).toList();
        return findings.stream().filter(f -> ids.contains(f.id())).toList();
    }

    /** Saves the listed findings as JSON in {@code check --format json}'s shape; written off the UI thread. */
    public void exportJson(Path file) {
        List<Finding> listed = listed();
        port.write(file, listed.size() + " findings as JSON",
                target -> Files.writeString(target, FindingsJson.of(listed) + "\n", StandardCharsets.UTF_8));
    }

    /** Saves the listed findings as CSV; written off the UI thread. */
    public void exportCsv(Path file) {
        List<Finding> listed = listed();
        port.write(file, listed.size() + " findings as CSV",
                target -> Files.writeString(target, FindingsCsv.of(listed), StandardCharsets.UTF_8));
    }

    public static List<String> engineChoices() {
        List<String> list = new ArrayList<>(List.of(ALL));
        for (Engine e : Engine.values()) {
            list.add(e.id());
        }
        return list;
    }

    public static List<String> severityChoices() {
        List<String> list = new ArrayList<>(List.of(ALL));
        for (Severity s : Severity.values()) {
            list.add(s.id());
        }
        return list;
    }

    public static List<String> codeChoices() {
        List<String> list = new ArrayList<>(List.of(ALL));
        for (FindingCode c : FindingCode.values()) {
            list.add(c.name());
        }
        return list;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public StringProperty engineProperty() {
        return engine;
    }

    public StringProperty severityProperty() {
        return severity;
    }

    public StringProperty codeProperty() {
        return code;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** Why the detectors stopped, empty while they work: shown instead of trusting the list. */
    public StringProperty analysisFailureProperty() {
        return analysisFailure;
    }

    public StringProperty countProperty() {
        return count;
    }

    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }
}
