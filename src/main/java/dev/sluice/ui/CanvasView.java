package dev.sluice.ui;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** Wiring and drawing shared by the canvas views (timeline, event loops, windows, commits). */
public final class CanvasView {

    private CanvasView() {
    }

    /**
     * Binds the summary, repaints on each revision and theme change, and installs the canvas'
     * tooltip and mouse handlers; returns the tooltip so hover handlers can change its text.
     */
    public static Tooltip wire(PictureViewModel vm, Label summary, CanvasPane canvas, CanvasPane.Painter painter,
                               String hint, javafx.event.EventHandler<MouseEvent> clicked,
                               javafx.event.EventHandler<MouseEvent> moved) {
        summary.textProperty().bind(vm.summaryProperty());
        canvas.setPainter(painter);
        vm.revisionProperty().addListener(o -> canvas.redraw());
        vm.paletteProperty().addListener(o -> canvas.redraw());
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

    /** The cursor line (when the cursor is inside the axis) and the rule left of the plot. */
    public static void cursorAndRule(GraphicsContext g, Palette p, TimeAxis axis, long cursor, double top,
                                     double bottom) {
        if (cursor >= axis.fromNanos() && cursor <= axis.toNanos()) {
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
