package dev.sluice.ui.loops;

import dev.sluice.event.Engine;
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
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/** Paints clients, thread lanes and request paths; click a client to highlight its threads. */
public final class LoopsView {

    private static final double LEFT = 250;
    private static final double RIGHT_PAD = 16;
    private static final double TOP = 8;
    private static final double AXIS = 22;

    @FXML private Label summaryLabel;
    @FXML private CanvasPane canvas;

    private LoopsViewModel vm;
    private LoopsViewModel.Picture last;
    private TimeAxis axis;
    private double rowHeight = 20;
    private Tooltip tip;

    public void bind(LoopsViewModel model) {
        this.vm = model;
        tip = CanvasView.wire(model, summaryLabel, canvas, this::paint, "Click a client to highlight its threads",
                this::clicked, this::hover);
    }

    private void paint(GraphicsContext g, double w, double h) {
        Palette p = vm.paletteProperty().get();
        CanvasView.clear(g, p, w, h);
        LoopsViewModel.Picture pic = vm.picture();
        last = pic;
        axis = new TimeAxis(pic.fromNanos(), pic.toNanos(), LEFT, w - RIGHT_PAD);
        int n = pic.rows().size();
        if (n == 0) {
            CanvasView.empty(g, p, w, h, "No S3 clients yet. Run a scenario that reads from S3, or open a trace of one.");
            return;
        }
        rowHeight = Math.max(12, Math.min(34, (h - TOP - AXIS) / n));
        double bottom = TOP + rowHeight * n;
        CanvasView.axis(g, p, axis, TOP, bottom);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < n; i++) {
            LoopsViewModel.Row r = pic.rows().get(i);
            double y = TOP + i * rowHeight;
            double mid = y + rowHeight / 2;
            boolean client = r.kind() == LoopsViewModel.RowKind.CLIENT;
            if (r.selected()) {
                g.setFill(p.accent().deriveColor(0, 1, 1, 0.12));
                g.fillRect(0, y, w, rowHeight);
            } else if (client) {
                g.setFill(p.lane());
                g.fillRect(0, y, w, rowHeight);
            }
            g.setTextAlign(TextAlignment.LEFT);
            g.setFont(client ? Font.font("System", FontWeight.BOLD, 12) : CanvasView.SMALL);
            g.setFill(client ? p.text() : p.muted());
            double indent = client ? 8 : 22;
            g.fillText(r.label(), indent, mid, LEFT - indent - 80);
            g.setFont(CanvasView.SMALL);
            g.setFill(p.muted());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(r.detail(), LEFT - 8, mid, 90);
            double x0 = axis.x(r.startNanos());
            double x1 = Math.max(x0 + 2, axis.x(r.endNanos()));
            if (client) {
                Color c = switch (r.state()) {
                    case LEAKED -> p.error();
                    case CLOSED -> p.ok();
                    default -> p.accent();
                };
                g.setFill(c.deriveColor(0, 1, 1, 0.75));
                g.fillRoundRect(x0, y + 4, x1 - x0, rowHeight - 8, 6, 6);
                if (r.state() == LoopsViewModel.RowState.LEAKED) {
                    g.setFill(p.background());
                    g.setTextAlign(TextAlignment.RIGHT);
                    g.setFont(Font.font("System", FontWeight.BOLD, 11));
                    g.fillText("leaked →", x1 - 4, mid);
                }
            } else {
                boolean ended = r.state() == LoopsViewModel.RowState.ENDED;
                g.setStroke((ended ? p.muted() : p.engine(Engine.S3)).deriveColor(0, 1, 1, 0.6));
                g.setLineWidth(2);
                g.strokeLine(x0, mid, x1, mid);
                if (ended) {
                    g.setStroke(p.muted());
                    g.strokeLine(x1, y + 4, x1, y + rowHeight - 4);
                }
            }
        }
        g.setLineWidth(1);
        for (LoopsViewModel.Path path : pic.paths()) {
            Color c = path.ok() ? p.accent().deriveColor(0, 1, 1, 0.35) : p.error().deriveColor(0, 1, 1, 0.7);
            g.setStroke(c);
            double xs = axis.x(path.start());
            double ys = rowMid(path.issuerRow());
            if (path.ioRow() >= 0) {
                double xi = axis.x(path.io());
                double yi = rowMid(path.ioRow());
                g.strokeLine(xs, ys, xi, yi);
                if (path.completerRow() >= 0) {
                    g.strokeLine(xi, yi, axis.x(path.end()), rowMid(path.completerRow()));
                }
            }
            g.setFill(c);
            g.fillOval(xs - 1.5, ys - 1.5, 3, 3);
        }
        for (Band b : pic.bands()) {
            double y = TOP + b.row() * rowHeight;
            double x0 = b.left(axis);
            double x1 = b.right(axis, 3);
            g.setStroke(p.severity(b.severity()));
            g.setLineWidth(b.selected() ? 3 : 2);
            g.strokeRect(x0, y + 2, x1 - x0, rowHeight - 4);
        }
        CanvasView.cursorAndRule(g, p, axis, pic.cursorNanos(), TOP, bottom);
        if (pic.hiddenRequests() > 0 || pic.indexingRequests() > 0) {
            g.setFill(p.muted());
            g.setTextAlign(TextAlignment.RIGHT);
            g.setFont(CanvasView.SMALL);
            g.fillText(pic.indexingRequests() > 0 ? "indexing " + TimeText.count(pic.indexingRequests()) + " requests …"
                    : "showing the newest " + LoopsViewModel.MAX_REQUESTS + " requests; " + pic.hiddenRequests()
                    + " older not drawn", w - RIGHT_PAD, bottom + AXIS / 2 + 10);
        }
    }

    private double rowMid(int row) {
        return TOP + row * rowHeight + rowHeight / 2;
    }

    private LoopsViewModel.Row rowAt(double y) {
        if (last == null) {
            return null;
        }
        int i = (int) ((y - TOP) / rowHeight);
        return i >= 0 && i < last.rows().size() ? last.rows().get(i) : null;
    }

    private void clicked(MouseEvent e) {
        LoopsViewModel.Row r = rowAt(e.getY());
        if (r != null && r.kind() == LoopsViewModel.RowKind.CLIENT) {
            vm.selectClient(r.selected() ? null : r.id());
        } else {
            vm.selectClient(null);
        }
    }

    private void hover(MouseEvent e) {
        LoopsViewModel.Row r = rowAt(e.getY());
        String text = r == null ? "Click a client to highlight its threads" : r.tooltip();
        if (last != null && r != null && axis != null) {
            int row = last.rows().indexOf(r);
            for (Band b : last.bands()) {
                if (b.row() == row && e.getX() >= b.left(axis) - 3 && e.getX() <= b.right(axis, 0) + 3) {
                    text = b.title() + "\n\n" + text;
                }
            }
        }
        tip.setText(text);
    }
}
