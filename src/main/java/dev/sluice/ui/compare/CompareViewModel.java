package dev.sluice.ui.compare;

import dev.sluice.compare.ComparedRun;
import dev.sluice.compare.Comparison;
import dev.sluice.compare.FigureRow;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
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

    /** A finding of the diff; {@code fix} is its fix as settings ({@code flight.strategy=drain}) or empty. */
    public record FindingRow(Change change, FindingCode code, String title, String fix) { }

    /** A figure of both runs, as shown; {@code worse}: B regressed beyond the tolerance. */
    public record FigureLine(String figure, String a, String b, String ratio, boolean worse) { }

    private final StringProperty runs = new SimpleStringProperty("Open two traces, or run a finding with its fix.");
    private final StringProperty settings = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty verdict = new SimpleStringProperty("");
    private final BooleanProperty holds = new SimpleBooleanProperty();
    private final ObservableList<FindingRow> findings = FXCollections.observableArrayList();
    private final ObservableList<FigureLine> figures = FXCollections.observableArrayList();
    private Comparison shown;

    public void show(Comparison c) {
        shown = c;
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
        figures.setAll(c.figures().stream().map(r -> line(r, c.tolerancePercent())).toList());
    }

    /** The comparison shown, or null before the first. */
    public Comparison comparison() {
        return shown;
    }

    private static void add(List<FindingRow> rows, Change change, List<Finding> findings) {
        for (Finding f : findings) {
            rows.add(new FindingRow(change, f.code(), f.title(), f.settingFix() == null ? "" : f.settingFix().assignments()));
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
