package dev.sluice.ui;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javafx.animation.PauseTransition;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.util.Duration;

/**
 * A pane holding a canvas that fills it; redraws through {@code painter} when resized or asked. A
 * change that may wait (a live run growing) is drawn at most once per {@link #LIVE_INTERVAL_NANOS}:
 * the software renderer redraws a whole canvas, so a heavy view drawn every pulse holds the FX
 * thread up waiting for the render thread.
 */
public final class CanvasPane extends Pane {

    /** Draws the whole canvas. */
    @FunctionalInterface
    public interface Painter {
        void paint(GraphicsContext g, double width, double height);
    }

    /** The least time between two draws of changes that may wait: five a second. */
    public static final long LIVE_INTERVAL_NANOS = 200_000_000L;

    private final Canvas canvas = new Canvas();
    private Painter painter = (g, w, h) -> { };
    private LongSupplier clock = System::nanoTime;
    private BooleanSupplier mayWait = () -> false;
    private boolean dirty = true;
    private boolean painted;
    private long lastPaint;
    private long paints;
    private PauseTransition retry;

    public CanvasPane() {
        getChildren().add(canvas);
        setMinSize(0, 0);
        getStyleClass().add("canvas-pane");
    }

    public void setPainter(Painter p) {
        this.painter = p;
        paintNow();
    }

    /**
     * The draw budget: {@code clock} in nanos (the port's display clock), and whether the change
     * asked for now may wait for the budget (no for a seek, a selection, a paused or replayed run).
     */
    public void budget(LongSupplier clock, BooleanSupplier mayWait) {
        this.clock = clock;
        this.mayWait = mayWait;
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

    /** How many times the canvas was painted (tests and benchmarks read it). */
    public long paints() {
        return paints;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            paintNow();
        }
    }

    /**
     * What is shown changed: paints now if the pane is on screen and the budget allows (a hidden
     * pane, another tab, paints when shown again); otherwise once the budget allows, at a later
     * {@link #pulse()}.
     */
    public void redraw() {
        dirty = true;
        pulse();
    }

    /** Paints a change not drawn yet if the budget allows it now; a pane with nothing new draws nothing. */
    public void pulse() {
        if (!dirty) {
            return;
        }
        long wait = painted && mayWait.getAsBoolean() ? LIVE_INTERVAL_NANOS - (clock.getAsLong() - lastPaint) : 0;
        if (wait <= 0) {
            paintNow();
        } else if (retry == null && showing()) {
            // nothing may follow this change (a run going quiet): draw it when the budget allows
            retry = new PauseTransition(Duration.millis(Math.max(1, wait / 1_000_000.0)));
            retry.setOnFinished(e -> {
                retry = null;
                pulse();
            });
            retry.play();
        }
    }

    /** Paints now if the pane is on screen. */
    public void paintNow() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0 || !showing()) {
            return;
        }
        dirty = false;
        painted = true;
        lastPaint = clock.getAsLong();
        paints++;
        painter.paint(canvas.getGraphicsContext2D(), w, h);
    }
}
