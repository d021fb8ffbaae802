package dev.sluice.ui.commits;

import dev.sluice.ui.Band;
import dev.sluice.ui.CanvasPane;
import dev.sluice.ui.CanvasView;
import dev.sluice.ui.Palette;
import dev.sluice.ui.TimeAxis;
import dev.sluice.ui.TimeText;
import java.io.File;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.stage.FileChooser;

/** Paints writer lanes with attempt bars and conflict links; lists attempts in a filterable table. */
public final class CommitsView {

    private static final double LEFT = 160;
    private static final double RIGHT_PAD = 16;
    private static final double TOP = 8;
    private static final double AXIS = 22;
    private static final int MAX_BARS = 3000;

    @FXML private BorderPane root;
    @FXML private Label summaryLabel;
    @FXML private Label verifyLabel;
    @FXML private CanvasPane canvas;
    @FXML private TextField filterField;
    @FXML private Button csvButton;
    @FXML private TableView<CommitsViewModel.Attempt> table;

    private CommitsViewModel vm;
    private CommitsViewModel.Picture last;
    private TimeAxis axis;
    private double laneHeight = 28;
    private Tooltip tip;
    private final Text measure = new Text();

    public void bind(CommitsViewModel model) {
        this.vm = model;
        measure.setFont(CanvasView.SMALL);
        verifyLabel.textProperty().bind(model.verifyProperty());
        verifyLabel.setTooltip(new Tooltip("What verify found when it compared the table with the acknowledged writes"));
        filterField.textProperty().bindBidirectional(model.filterProperty());
        filterField.setTooltip(new Tooltip("Show only attempts whose writer, id, outcome, operation or exception contains this"));
        csvButton.setTooltip(new Tooltip("Save the attempts listed below as CSV"));
        table.itemsProperty().bind(model.rowsProperty());
        table.getColumns().add(column("Writer", CommitsViewModel.Attempt::writer));
        table.getColumns().add(column("Attempt", CommitsViewModel.Attempt::attemptId));
        table.getColumns().add(column("Operation", CommitsViewModel.Attempt::operation));
        table.getColumns().add(column("Retry", a -> String.valueOf(a.retry())));
        table.getColumns().add(column("Versions", CommitsViewModel.Attempt::versions));
        table.getColumns().add(column("Outcome", CommitsViewModel.Attempt::outcomeText));
        table.getColumns().add(column("Took", CommitsViewModel.Attempt::duration));
        table.getColumns().add(column("Exception", a -> a.exception() == null ? "" : a.exception()));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.seek(now.endNanos());
            }
        });
        tip = CanvasView.wire(model, summaryLabel, canvas, this::paint,
                "Each bar is one attempt: read version → attempted version", e -> {
                    if (axis != null && e.getX() >= LEFT) {
                        vm.seek(axis.nanos(e.getX()));
                    }
                }, this::hover);
    }

    private static TableColumn<CommitsViewModel.Attempt, String> column(String title,
                                                                        Function<CommitsViewModel.Attempt, String> value) {
        TableColumn<CommitsViewModel.Attempt, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    private void paint(GraphicsContext g, double w, double h) {
        Palette p = vm.paletteProperty().get();
        CanvasView.clear(g, p, w, h);
        CommitsViewModel.Picture pic = vm.picture();
        last = pic;
        if (pic.writers().isEmpty()) {
            CanvasView.empty(g, p, w, h, vm.indexing() > 0
                    ? "Indexing the run's " + TimeText.count(vm.indexing()) + " commit attempts …"
                    : vm.runHasAttempts()
                    ? "No commit attempt has started by the cursor: move it later in the run to see them."
                    : "No Delta commits yet. Run a Delta scenario, or open a trace of one.");
            return;
        }
        axis = new TimeAxis(pic.fromNanos(), pic.toNanos(), LEFT, w - RIGHT_PAD);
        int lanes = pic.writers().size() + 1;
        laneHeight = Math.max(18, Math.min(36, (h - TOP - AXIS) / lanes));
        double bottom = TOP + lanes * laneHeight;
        CanvasView.axis(g, p, axis, TOP, bottom);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(Font.font("System", FontWeight.BOLD, 12));
        g.setFill(p.text());
        g.fillText("table versions", 8, TOP + laneHeight / 2);
        versionLine(g, p, pic.versions());
        for (int i = 0; i < pic.writers().size(); i++) {
            double y = TOP + (i + 1) * laneHeight;
            boolean lit = pic.highlightedWriters().contains(pic.writers().get(i));
            if (lit) {
                g.setFill(p.accent().deriveColor(0, 1, 1, 0.14));
                g.fillRect(0, y, w, laneHeight);
            } else if (i % 2 == 0) {
                g.setFill(p.lane());
                g.fillRect(0, y, w, laneHeight);
            }
            g.setFill(p.text());
            g.setFont(lit ? Font.font("System", FontWeight.BOLD, 12) : Font.font("System", 12));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(pic.writers().get(i), 8, y + laneHeight / 2, LEFT - 12);
        }
        for (Band b : pic.bands()) {
            double x0 = b.left(axis);
            double x1 = b.right(axis, 3);
            g.setFill(p.severity(b.severity()).deriveColor(0, 1, 1, b.selected() ? 0.24 : 0.12));
            g.fillRect(x0, TOP, x1 - x0, bottom - TOP);
            if (b.selected()) {
                g.setStroke(p.severity(b.severity()));
                g.setLineWidth(2);
                g.strokeRect(x0 + 1, TOP + 1, x1 - x0 - 2, bottom - TOP - 2);
            }
        }
        double[] labelEnd = new double[pic.writers().size()];
        Arrays.fill(labelEnd, -1);
        // a run with hundreds of thousands of attempts draws its newest ones (the table lists all)
        // copied once: the picture builds an attempt's record each time it is read
        List<CommitsViewModel.Attempt> drawn = List.copyOf(pic.attempts().size() <= MAX_BARS ? pic.attempts()
                : pic.attempts().subList(pic.attempts().size() - MAX_BARS, pic.attempts().size()));
        // where the next bar of the same lane starts: a label after a bar must end before it (bars drawn later cover it)
        double[] nextStart = new double[drawn.size()];
        double[] laneNext = new double[pic.writers().size()];
        Arrays.fill(laneNext, w - 2);
        for (int i = drawn.size() - 1; i >= 0; i--) {
            nextStart[i] = laneNext[drawn.get(i).lane()];
            laneNext[drawn.get(i).lane()] = Math.min(laneNext[drawn.get(i).lane()], axis.x(drawn.get(i).startNanos()));
        }
        for (int i = 0; i < drawn.size(); i++) {
            CommitsViewModel.Attempt a = drawn.get(i);
            double y = TOP + (a.lane() + 1) * laneHeight;
            double x0 = axis.x(a.startNanos());
            double x1 = Math.max(x0 + 4, axis.x(a.endNanos()));
            Color c = p.outcome(a.outcomeText());
            g.setFill(c.deriveColor(0, 1, 1, 0.8));
            g.fillRoundRect(x0, y + 4, x1 - x0, laneHeight - 8, 5, 5);
            if (a.highlighted()) {
                g.setStroke(p.accent());
                g.setLineWidth(2);
                g.strokeRoundRect(x0, y + 4, x1 - x0, laneHeight - 8, 5, 5);
            }
            g.setFill(p.text());
            g.setFont(CanvasView.SMALL);
            g.setTextAlign(TextAlignment.LEFT);
            String label = a.versions() + (a.failed() ? " ✗" : "");
            double labelWidth = width(label);
            // inside the bar when it fits, else after it when it clears the previous label and the next bar
            if (x1 - x0 > labelWidth + 8) {
                g.setFill(p.background());
                g.fillText(label, x0 + 4, y + laneHeight / 2);
            } else if (x1 + 4 > labelEnd[a.lane()] && x1 + 4 + labelWidth + 2 <= nextStart[i]) {
                g.fillText(label, x1 + 4, y + laneHeight / 2);
                labelEnd[a.lane()] = x1 + 4 + labelWidth;
            }
            if (a.winnerLane() >= 0) {
                double wy = TOP + (a.winnerLane() + 1) * laneHeight + laneHeight / 2;
                double wx = axis.x(a.winnerNanos());
                g.setStroke(p.error());
                g.setLineWidth(1.5);
                g.setLineDashes(4, 3);
                g.strokeLine(x1, y + laneHeight / 2, wx, wy);
                g.setLineDashes();
                g.setFill(p.error());
                g.fillOval(wx - 3, wy - 3, 6, 6);
            }
        }
        CanvasView.cursorAndRule(g, p, axis, pic.cursorNanos(), TOP, bottom);
    }

    /**
     * The table's versions as dots on the top lane, labelled where the labels do not overlap: the
     * first, the last and the highlighted always, the others as room allows (measured, not guessed).
     */
    private void versionLine(GraphicsContext g, Palette p, List<CommitsViewModel.Version> versions) {
        List<CommitsViewModel.Version> byTime = versions.stream()
                .sorted(Comparator.comparingLong(CommitsViewModel.Version::nanos)).toList();
        int n = byTime.size();
        double[] left = new double[n];
        BitSet must = new BitSet(n);
        double mid = TOP + laneHeight / 2;
        for (int i = 0; i < n; i++) {
            CommitsViewModel.Version v = byTime.get(i);
            double x = axis.x(v.nanos());
            left[i] = x + 6;
            must.set(i, i == 0 || i == n - 1 || v.highlighted());
            g.setFill(v.highlighted() ? p.accent() : p.ok());
            double r = v.highlighted() ? 6 : 4;
            g.fillOval(x - r, mid - r, 2 * r, 2 * r);
        }
        BitSet drawn = LabelThinning.keep(left, i -> width("v" + byTime.get(i).version()), 4, must);
        g.setFont(CanvasView.SMALL);
        g.setTextAlign(TextAlignment.LEFT);
        for (int i = drawn.nextSetBit(0); i >= 0; i = drawn.nextSetBit(i + 1)) {
            g.setFill(byTime.get(i).highlighted() ? p.accent() : p.ok());
            g.fillText("v" + byTime.get(i).version(), left[i], mid);
        }
    }

    /** The width {@code text} takes in the small font. */
    private double width(String text) {
        measure.setText(text);
        return measure.getLayoutBounds().getWidth();
    }

    private void hover(MouseEvent e) {
        String text = "Each bar is one attempt: read version → attempted version; a dashed red line leads to the commit it lost to";
        if (last != null && axis != null) {
            int lane = (int) ((e.getY() - TOP) / laneHeight) - 1;
            for (CommitsViewModel.Attempt a : last.attempts()) {
                if (a.lane() == lane && e.getX() >= axis.x(a.startNanos()) - 2
                        && e.getX() <= Math.max(axis.x(a.startNanos()) + 4, axis.x(a.endNanos())) + 2) {
                    text = a.writer() + " " + a.attemptId() + " (" + a.operation() + ", retry " + a.retry() + "): "
                            + a.versions() + ", " + a.outcomeText() + " after " + a.duration()
                            + (a.exception() == null ? "" : "\n" + a.exception() + ": " + a.message());
                }
            }
        }
        tip.setText(text);
    }

    @FXML
    private void exportCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export attempts as CSV");
        chooser.setInitialFileName("commit-attempts.csv");
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            vm.exportCsv(file.toPath());
        }
    }
}
