package dev.sluice.ui;

import javafx.event.EventHandler;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** Wiring and drawing shared by the canvas views (timeline, event loops, windows, commits). */
public final class CanvasView {

    /** The small text of labels, details and axes. */
    public static final Font SMALL = Font.font("System", 11);

    private CanvasView() {
    }

    /**
     * Binds the summary, repaints on each revision (within the draw budget) and theme change, and installs the canvas'
     * tooltip and mouse handlers; returns the tooltip so hover handlers can change its text.
     */
    public static Tooltip wire(PictureViewModel vm, Label summary, CanvasPane canvas, CanvasPane.Painter painter,
                               String hint, EventHandler<MouseEvent> clicked, EventHandler<MouseEvent> moved) {
        summary.textProperty().bind(vm.summaryProperty());
        canvas.budget(vm::nanoTime, vm::mayWait);
        canvas.setPainter(painter);
        vm.revisionProperty().addListener(o -> canvas.redraw());
        vm.paletteProperty().addListener(o -> canvas.paintNow());
        canvas.canvas().setOnMouseClicked(clicked);
        canvas.canvas().setOnMouseMoved(moved);
        Tooltip tip = new Tooltip(hint);
        tip.setWrapText(true);
        tip.setMaxWidth(460);
        Tooltip.install(canvas.canvas(), tip);
        return tip;
    }

    /** Clears the canvas to the theme's background. */
    public static void clear(GraphicsContext g, Palette p, double w, double h) {
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
    }

    /** A centred hint for a view with nothing to show. */
    public static void empty(GraphicsContext g, Palette p, double w, double h, String text) {
        g.setFill(p.muted());
        g.setFont(Font.font("System", 13));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, w / 2, h / 2);
    }

    /** The axis' grid lines over [top, bottom] and its labels just below {@code bottom}. */
    public static void axis(GraphicsContext g, Palette p, TimeAxis axis, double top, double bottom) {
        g.setFont(SMALL);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.setLineWidth(1);
        for (long t : axis.ticks()) {
            double x = Math.round(axis.x(t)) + 0.5;
            g.setStroke(p.grid());
            g.strokeLine(x, top, x, bottom);
            g.setFill(p.muted());
            g.fillText(TimeAxis.label(t, axis.tickStep()), x, bottom + 2);
        }
    }

    /** The cursor line (when the cursor is inside the axis) and the rule left of the plot. */
    public static void cursorAndRule(GraphicsContext g, Palette p, TimeAxis axis, long cursor, double top,
                                     double bottom) {
        if (axis.contains(cursor)) {
            double cx = Math.round(axis.x(cursor)) + 0.5;
            g.setStroke(p.cursor());
            g.setLineWidth(2);
            g.strokeLine(cx, top, cx, bottom);
        }
        g.setLineWidth(1);
        g.setStroke(p.grid());
        g.strokeLine(axis.left() - 0.5, top, axis.left() - 0.5, bottom);
    }
}
