package dev.sluice.ui.timeline;

import dev.sluice.ui.Band;
import dev.sluice.ui.CanvasPane;
import dev.sluice.ui.CanvasView;
import dev.sluice.ui.Palette;
import dev.sluice.ui.TimeAxis;
import dev.sluice.ui.TimeText;
import javafx.fxml.FXML;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/** Paints the timeline picture; a click seeks, hovering a finding band shows its title. */
public final class TimelineView {

    static final double LEFT = 130;
    static final double RIGHT_PAD = 16;
    static final double TOP = 8;
    static final double AXIS = 22;

    @FXML private Label summaryLabel;
    @FXML private CanvasPane canvas;

    private TimelineViewModel vm;
    private TimelineViewModel.Picture last;
    private TimeAxis axis;
    private double laneHeight = 1;
    private Tooltip tip;

    public void bind(TimelineViewModel model) {
        this.vm = model;
        tip = CanvasView.wire(model, summaryLabel, canvas, this::paint, "Click to move the cursor here",
                this::clicked, this::hover);
    }

    private void paint(GraphicsContext g, double w, double h) {
        Palette p = vm.paletteProperty().get();
        CanvasView.clear(g, p, w, h);
        int columns = (int) Math.max(1, w - LEFT - RIGHT_PAD);
        TimelineViewModel.Picture pic = vm.picture(columns);
        last = pic;
        axis = new TimeAxis(pic.startNanos(), pic.endNanos(), LEFT, w - RIGHT_PAD);
        int lanes = pic.lanes().size();
        laneHeight = Math.max(24, Math.min(120, (h - TOP - AXIS) / lanes));
        double bottom = TOP + laneHeight * lanes;
        CanvasView.axis(g, p, axis, TOP, bottom);
        for (int i = 0; i < lanes; i++) {
            TimelineViewModel.Lane lane = pic.lanes().get(i);
            double y = TOP + i * laneHeight;
            if (i % 2 == 0) {
                g.setFill(p.lane().deriveColor(0, 1, 1, 0.7));
                g.fillRect(0, y, w, laneHeight);
            }
            g.setFill(p.text());
            g.setFont(Font.font("System", FontWeight.BOLD, 12));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(lane.label(), 8, y + 6);
            g.setFont(CanvasView.SMALL);
            g.setFill(p.muted());
            g.fillText(lane.events() + " events", 8, y + 22);
            // activity: a histogram along the lane's lower half
            g.setFill(p.engine(lane.engine()).deriveColor(0, 1, 1, 0.55));
            double base = y + laneHeight - 4;
            double max = laneHeight * 0.5;
            double[] d = lane.density();
            for (int c = 0; c < d.length; c++) {
                if (d[c] > 0) {
                    double bh = Math.max(1, d[c] * max);
                    g.fillRect(LEFT + c, base - bh, 1, bh);
                }
            }
        }
        for (Band b : pic.bands()) {
            double y = TOP + b.row() * laneHeight + 4;
            double x0 = b.left(axis);
            double x1 = b.right(axis, 4);
            g.setFill(p.severity(b.severity()).deriveColor(0, 1, 1, b.selected() ? 0.45 : 0.22));
            g.fillRect(x0, y, x1 - x0, laneHeight * 0.42);
            g.setStroke(p.severity(b.severity()));
            g.setLineWidth(b.selected() ? 2.5 : 1);
            g.strokeRect(x0 + 0.5, y + 0.5, x1 - x0 - 1, laneHeight * 0.42 - 1);
            g.setFill(p.severity(b.severity()));
            g.setFont(CanvasView.SMALL);
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(b.title(), x0 + 4, y + 2, Math.max(40, Math.min(x1 - x0 - 6, 520)));
        }
        g.setLineWidth(1);
        for (TimelineViewModel.Tick t : pic.ticks()) {
            double x = Math.round(axis.x(t.nanos())) + 0.5;
            double y = TOP + (t.lane() + 1) * laneHeight;
            g.setStroke(t.highlighted() ? p.accent() : p.muted());
            g.setLineWidth(t.highlighted() ? 2 : 1);
            g.strokeLine(x, y - (t.highlighted() ? 20 : 12), x, y - 2);
        }
        CanvasView.cursorAndRule(g, p, axis, pic.cursorNanos(), TOP, bottom);
        if (pic.lanes().stream().allMatch(l -> l.events() == 0)) {
            CanvasView.empty(g, p, w, h, "Nothing recorded yet: pick a scenario and press Run (demo needs no servers), "
                    + "or open a trace with Ctrl+O.");
        }
    }

    private void clicked(MouseEvent e) {
        if (axis != null && e.getX() >= LEFT && e.getY() < TOP + laneHeight * 4) {
            vm.seek(axis.nanos(e.getX()));
        }
    }

    private void hover(MouseEvent e) {
        if (last == null || axis == null) {
            return;
        }
        String text = "Click to move the cursor here (" + TimeText.seconds(Math.max(0, axis.nanos(e.getX()))) + ")";
        for (Band b : last.bands()) {
            double y = TOP + b.row() * laneHeight + 4;
            if (b.covers(axis, e.getX(), 4) && e.getY() >= y && e.getY() <= y + laneHeight * 0.42) {
                text = b.title();
            }
        }
        for (TimelineViewModel.Tick t : last.ticks()) {
            if (Math.abs(axis.x(t.nanos()) - e.getX()) < 3 && Math.abs(TOP + (t.lane() + 1) * laneHeight - 7 - e.getY()) < 8) {
                text = t.text();
            }
        }
        tip.setText(text);
    }
}
