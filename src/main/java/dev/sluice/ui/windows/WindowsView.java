package dev.sluice.ui.windows;

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
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/** Paints window gauges, series strips and stream lanes of one connection. */
public final class WindowsView {

    private static final double LEFT = 210;
    private static final double RIGHT_PAD = 16;
    private static final double GAUGES = 44;
    private static final double AXIS = 22;

    @FXML private ComboBox<String> connectionBox;
    @FXML private Label summaryLabel;
    @FXML private CanvasPane canvas;

    private WindowsViewModel vm;
    private TimeAxis axis;
    private WindowsViewModel.Picture last;
    private double streamsTop;
    private double laneHeight = 24;
    private Tooltip tip;

    public void bind(WindowsViewModel model) {
        this.vm = model;
        connectionBox.setItems(model.connections());
        connectionBox.valueProperty().bindBidirectional(model.connectionProperty());
        connectionBox.setTooltip(new Tooltip("The HTTP/2 connection to show"));
        tip = CanvasView.wire(model, summaryLabel, canvas, this::paint, "Click to move the cursor here",
                this::clicked, this::hover);
    }

    private void paint(GraphicsContext g, double w, double h) {
        Palette p = vm.paletteProperty().get();
        CanvasView.clear(g, p, w, h);
        int columns = (int) Math.max(1, w - LEFT - RIGHT_PAD);
        WindowsViewModel.Picture pic = vm.picture(columns);
        last = pic;
        if (vm.connectionProperty().get() == null) {
            CanvasView.empty(g, p, w, h, "No Flight connections yet. Run a Flight scenario, or open a trace of one.");
            return;
        }
        if (pic.building()) {
            CanvasView.empty(g, p, w, h, "Building the window series of " + vm.connectionProperty().get() + "…");
            return;
        }
        axis = new TimeAxis(pic.fromNanos(), pic.toNanos(), LEFT, w - RIGHT_PAD);
        gauge(g, p, 10, 8, w / 2 - 20, "receive window", pic.receiveFill(), pic.receiveText());
        gauge(g, p, w / 2 + 10, 8, w / 2 - 26, "send window (peer)", pic.sendFill(), pic.sendText());
        double top = GAUGES + 8;
        int streams = pic.streams().size();
        laneHeight = streams == 0 ? 0 : Math.max(14, Math.min(28, (h - top - AXIS) * 0.4 / streams));
        double stripsHeight = h - top - AXIS - laneHeight * streams - (streams > 0 ? 10 : 0);
        double strip = stripsHeight / pic.series().size();
        double bottom = h - AXIS;
        CanvasView.axis(g, p, axis, top, bottom);
        for (Band b : pic.bands()) {
            double x0 = b.left(axis);
            double x1 = b.right(axis, 3);
            g.setFill(p.severity(b.severity()).deriveColor(0, 1, 1, b.selected() ? 0.28 : 0.15));
            g.fillRect(x0, top, x1 - x0, bottom - top);
            if (b.selected()) {
                g.setStroke(p.severity(b.severity()));
                g.setLineWidth(2);
                g.strokeRect(x0 + 1, top + 1, x1 - x0 - 2, bottom - top - 2);
            }
            g.setFill(p.severity(b.severity()));
            g.setFont(CanvasView.SMALL);
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(b.title(), x0 + 4, top + 2, Math.max(60, x1 - x0 - 8));
        }
        Color[] colors = {p.engine(Engine.FLIGHT), p.warning(), p.ok()};
        for (int i = 0; i < pic.series().size(); i++) {
            WindowsViewModel.Series s = pic.series().get(i);
            double y0 = top + i * strip;
            g.setStroke(p.grid());
            g.setLineWidth(1);
            g.strokeLine(LEFT, y0 + strip - 0.5, w - RIGHT_PAD, y0 + strip - 0.5);
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.setFont(Font.font("System", FontWeight.BOLD, 12));
            g.setFill(p.text());
            g.fillText(s.name(), 10, y0 + 6);
            g.setFont(CanvasView.SMALL);
            g.setFill(p.muted());
            g.fillText("now " + s.now(), 10, y0 + 24, LEFT - 16);
            g.fillText("scale " + TimeText.bytes((long) s.scale()), 10, y0 + 38, LEFT - 16);
            plot(g, colors[i % colors.length], s, y0 + 6, strip - 12);
        }
        streamsTop = top + stripsHeight + 10;
        for (int i = 0; i < streams; i++) {
            WindowsViewModel.StreamRow r = pic.streams().get(i);
            double y = streamsTop + i * laneHeight;
            if (r.waitedOn() || r.highlighted()) {
                g.setFill(p.accent().deriveColor(0, 1, 1, r.highlighted() ? 0.22 : 0.15));
                g.fillRect(0, y, w, laneHeight);
            }
            g.setTextBaseline(VPos.CENTER);
            g.setTextAlign(TextAlignment.LEFT);
            g.setFont(r.waitedOn() || r.highlighted() ? Font.font("System", FontWeight.BOLD, 11) : CanvasView.SMALL);
            g.setFill(p.text());
            g.fillText(r.stream() + (r.pending() ? " (pending)" : "") + (r.waitedOn() ? " ← consumer waits" : ""),
                    10, y + laneHeight / 2, LEFT - 16);
            double x0 = axis.x(r.openedNanos());
            double x1 = Math.max(x0 + 2, axis.x(r.endNanos()));
            Color c = p.outcome(r.outcome());
            g.setFill(c.deriveColor(0, 1, 1, 0.25));
            g.fillRect(x0, y + 3, x1 - x0, laneHeight - 6);
            g.setStroke(r.waitedOn() ? p.accent() : c);
            g.setLineWidth(r.waitedOn() ? 2 : 1);
            if (r.pending()) {
                g.setLineDashes(4, 3);
            }
            g.strokeRect(x0 + 0.5, y + 3.5, x1 - x0 - 1, laneHeight - 7);
            g.setLineDashes();
            double[] win = r.window();
            g.setStroke(p.engine(Engine.FLIGHT));
            g.setLineWidth(1);
            for (int col = 0; col < win.length; col++) {
                if (!Double.isNaN(win[col])) {
                    double vy = y + laneHeight - 4 - win[col] * (laneHeight - 8);
                    g.strokeLine(LEFT + col, y + laneHeight - 4, LEFT + col, vy);
                }
            }
        }
        CanvasView.cursorAndRule(g, p, axis, pic.cursorNanos(), top, bottom);
    }

    private static void plot(GraphicsContext g, Color c, WindowsViewModel.Series s, double y0, double height) {
        double scale = Math.max(1, s.scale());
        g.setStroke(c);
        g.setLineWidth(1.5);
        double prevX = -1;
        double prevY = 0;
        for (int col = 0; col < s.max().length; col++) {
            double hi = s.max()[col];
            if (Double.isNaN(hi)) {
                continue;
            }
            double lo = s.min()[col];
            double x = LEFT + col + 0.5;
            double yHi = y0 + height - Math.min(1, hi / scale) * height;
            double yLo = y0 + height - Math.min(1, lo / scale) * height;
            g.strokeLine(x, yLo, x, yHi);
            if (prevX >= 0) {
                g.strokeLine(prevX, prevY, x, yHi);
            }
            prevX = x;
            prevY = yHi;
        }
        g.setStroke(c.deriveColor(0, 1, 1, 0.25));
        g.setLineWidth(1);
        g.strokeLine(LEFT, y0, LEFT + s.max().length, y0);
    }

    private static void gauge(GraphicsContext g, Palette p, double x, double y, double w, String name, double fill,
                              String text) {
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(Font.font("System", FontWeight.BOLD, 12));
        g.setFill(p.text());
        g.fillText(name, x, y);
        g.setFont(CanvasView.SMALL);
        g.setFill(p.muted());
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(text, x + w, y);
        g.setFill(p.lane());
        g.fillRoundRect(x, y + 18, w, 12, 6, 6);
        double f = Math.max(0, Math.min(1, fill));
        g.setFill(f < 0.1 ? p.error() : f < 0.3 ? p.warning() : p.ok());
        g.fillRoundRect(x, y + 18, Math.max(2, w * f), 12, 6, 6);
        g.setStroke(p.grid());
        g.strokeRoundRect(x + 0.5, y + 18.5, w - 1, 11, 6, 6);
    }

    private void clicked(MouseEvent e) {
        if (axis != null && e.getX() >= LEFT) {
            vm.seek(axis.nanos(e.getX()));
        }
    }

    private void hover(MouseEvent e) {
        String text = "Click to move the cursor here";
        if (last != null && axis != null) {
            for (Band b : last.bands()) {
                if (b.covers(axis, e.getX(), 3)) {
                    text = b.title();
                }
            }
            int lane = laneHeight <= 0 ? -1 : (int) ((e.getY() - streamsTop) / laneHeight);
            if (e.getY() >= streamsTop && lane >= 0 && lane < last.streams().size()) {
                WindowsViewModel.StreamRow r = last.streams().get(lane);
                text = r.stream() + " (" + r.detail() + "): " + r.now() + (r.pending() ? "; waited for a stream slot" : "")
                        + (r.waitedOn() ? "; the consumer waits on this stream" : "");
            }
        }
        tip.setText(text);
    }
}
