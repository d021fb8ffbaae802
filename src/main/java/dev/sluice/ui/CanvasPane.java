package dev.sluice.ui;

import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;

/** A pane holding a canvas that fills it; redraws through {@code painter} when resized or asked. */
public final class CanvasPane extends Pane {

    /** Draws the whole canvas. */
    @FunctionalInterface
    public interface Painter {
        void paint(GraphicsContext g, double width, double height);
    }

    private final Canvas canvas = new Canvas();
    private Painter painter = (g, w, h) -> { };

    public CanvasPane() {
        getChildren().add(canvas);
        setMinSize(0, 0);
        getStyleClass().add("canvas-pane");
    }

    public void setPainter(Painter p) {
        this.painter = p;
        redraw();
    }

    private boolean showing() {
        if (getScene() == null) {
            return false;
        }
        for (Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    public Canvas canvas() {
        return canvas;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    /** Paints now if the pane is on screen; a hidden pane (another tab) paints when shown again. */
    public void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0 || !showing()) {
            return;
        }
        painter.paint(canvas.getGraphicsContext2D(), w, h);
    }
}
