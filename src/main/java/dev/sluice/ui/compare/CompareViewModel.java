package dev.sluice.ui.compare;

import dev.sluice.compare.ComparedRun;
import dev.sluice.compare.Comparison;
import dev.sluice.compare.FigureRow;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.ResourceRef;
import dev.sluice.event.Engine;
import dev.sluice.ui.Palette;
import dev.sluice.ui.TimeAxis;
import dev.sluice.ui.UiPort;
import dev.sluice.ui.ViewPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Two runs side by side: which findings went away, stayed or are new, the settings that differ, each
 * engine's headline figures with B/A, and whether the fix holds. Shows one {@link Comparison} at a
 * time (the console computes it off the FX thread, from two traces or a run and its run with the fix).
 */
public final class CompareViewModel {

    /** What happened to a finding between A and B. */
    public enum Change {
        GONE("gone"), STAYED("stayed"), NEW("new");

        private final String word;

        Change(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * A finding of the diff; {@code fix} is its fix as settings ({@code flight.strategy=drain}) or empty;
     * {@code resources} what it names (selecting the row highlights them in both runs' views).
     */
    public record FindingRow(Change change, FindingCode code, String title, String fix, Engine engine,
                             List<ResourceRef> resources) { }

    /** A figure of both runs, as shown; {@code worse}: B regressed beyond the tolerance. */
    public record FigureLine(String figure, String a, String b, String ratio, boolean worse) { }

    private final StringProperty runs = new SimpleStringProperty("Open two traces, or run a finding with its fix.");
    private final StringProperty settings = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty verdict = new SimpleStringProperty("");
    private final BooleanProperty holds = new SimpleBooleanProperty();
    private final ObservableList<FindingRow> findings = FXCollections.observableArrayList();
    private final ObservableList<FigureLine> figures = FXCollections.observableArrayList();
    private final LongProperty cursor = new SimpleLongProperty();
    private final ObjectProperty<List<ResourceRef>> selection = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<Palette> palette = new SimpleObjectProperty<>(Palette.LIGHT);
    private final ObjectProperty<TimeAxis> span = new SimpleObjectProperty<>();
    private final RunPort portA;
    private final RunPort portB;
    private final ObjectProperty<Engine> engineInQuestion = new SimpleObjectProperty<>();
    private Comparison shown;

    /** {@code ui}: where the views of both runs report and write (the compare window's status line). */
    public CompareViewModel(UiPort ui) {
        portA = new RunPort(ui, cursor, selection, palette, span);
        portB = new RunPort(ui, cursor, selection, palette, span);
    }

    /**
     * Shows a comparison and both runs' views stacked on one time axis: from the earlier start to
     * the later end, run nanos (both aligned at run start), the cursor at the end so all is drawn.
     */
    public void show(Compared compared) {
        Comparison c = compared.comparison();
        shown = c;
        long from = Math.min(compared.a().startNanos(), compared.b().startNanos());
        long to = Math.max(compared.a().endNanos(), compared.b().endNanos());
        span.set(TimeAxis.padded(from, Math.max(from + 1, to), 40, 1_000_000));
        selection.set(List.of());
        cursor.set(span.get().toNanos());
        portA.show(compared.a());
        portB.show(compared.b());
        runs.set("A: " + describe(c.a()) + "\nB: " + describe(c.b()));
        settings.set(c.settingsChanged().isEmpty() ? "same settings"
                : "settings changed: " + c.settingsChanged().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().get(0) + " → " + e.getValue().get(1))
                .collect(Collectors.joining(", ")));
        summary.set(String.format(Locale.ROOT, "%d gone, %d stayed, %d new", c.findings().gone().size(),
                c.findings().stayed().size(), c.findings().added().size()));
        verdict.set(c.verdict());
        holds.set(c.holds());
        List<FindingRow> rows = new ArrayList<>();
        add(rows, Change.NEW, c.findings().added());
        add(rows, Change.GONE, c.findings().gone());
        add(rows, Change.STAYED, c.findings().stayed());
        findings.setAll(rows);
        engineInQuestion.set(rows.isEmpty() ? null : rows.get(0).engine());
        figures.setAll(c.figures().stream().map(r -> line(r, c.tolerancePercent())).toList());
    }

    /** Selects what a finding of the diff names, in both runs' views (the cursor stays). */
    public void select(FindingRow row) {
        selection.set(row == null ? List.of() : row.resources());
    }

    /**
     * The engine the comparison is about, whose views to show first: that of the first finding
     * (new, then gone, then stayed), null when neither run has one.
     */
    public ReadOnlyObjectProperty<Engine> engineInQuestionProperty() {
        return engineInQuestion;
    }

    /** Run A's port, for its views. */
    public ViewPort a() {
        return portA;
    }

    /** Run B's port, for its views. */
    public ViewPort b() {
        return portB;
    }

    /** A's and B's names, for the labels over their views. */
    public String name(ViewPort port) {
        return shown == null ? "" : port == portA ? "A: " + shown.a().name() : "B: " + shown.b().name();
    }

    public ObjectProperty<Palette> paletteProperty() {
        return palette;
    }

    public ReadOnlyLongProperty cursorProperty() {
        return cursor;
    }

    /** The comparison shown, or null before the first. */
    public Comparison comparison() {
        return shown;
    }

    private static void add(List<FindingRow> rows, Change change, List<Finding> findings) {
        for (Finding f : findings) {
            rows.add(new FindingRow(change, f.code(), f.title(), f.settingFix() == null ? "" : f.settingFix().assignments(),
                    f.engine(), f.resources()));
        }
    }

    private static FigureLine line(FigureRow r, double tolerance) {
        return new FigureLine(r.figure().label(), value(r, r.a()), value(r, r.b()),
                r.ratio() == null ? "–" : String.format(Locale.ROOT, "%.2f×", r.ratio()), r.regressed(tolerance));
    }

    private static String value(FigureRow r, Double v) {
        return v == null ? "–" : r.figure().unit().format(v);
    }

    private static String describe(ComparedRun r) {
        return r.name() + " (run " + r.run().runId() + " of " + r.run().scenario() + ", " + r.findings().size()
                + " finding(s))";
    }

    public ReadOnlyStringProperty runsProperty() {
        return runs;
    }

    public ReadOnlyStringProperty settingsProperty() {
        return settings;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict;
    }

    public ReadOnlyBooleanProperty holdsProperty() {
        return holds;
    }

    public ObservableList<FindingRow> findings() {
        return FXCollections.unmodifiableObservableList(findings);
    }

    public ObservableList<FigureLine> figures() {
        return FXCollections.unmodifiableObservableList(figures);
    }
}
