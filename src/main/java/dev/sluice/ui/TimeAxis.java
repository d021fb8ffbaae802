package dev.sluice.ui;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** Maps run nanos to x over [left, right] and draws a labelled axis with round ticks. */
public record TimeAxis(long fromNanos, long toNanos, double left, double right) {

    public static final Font SMALL = Font.font("System", 11);

    public double x(long nanos) {
        double span = Math.max(1, toNanos - fromNanos);
        return left + (nanos - fromNanos) / span * (right - left);
    }

    public long nanos(double x) {
        double span = Math.max(1, toNanos - fromNanos);
        return fromNanos + (long) ((x - left) / Math.max(1, right - left) * span);
    }

    /** Grid lines over [top, bottom] and labels just below {@code bottom}. */
    public void draw(GraphicsContext g, Palette p, double top, double bottom) {
        long span = Math.max(1, toNanos - fromNanos);
        long step = niceStep(span / 8);
        g.setFont(SMALL);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.setLineWidth(1);
        for (long t = (fromNanos / step) * step; t <= toNanos; t += step) {
            if (t < fromNanos) {
                continue;
            }
            double x = Math.round(x(t)) + 0.5;
            g.setStroke(p.grid());
            g.strokeLine(x, top, x, bottom);
            g.setFill(p.muted());
            g.fillText(TimeText.seconds(t).replace(".000 s", " s"), x, bottom + 2);
        }
    }

    static long niceStep(long rough) {
        long step = 1_000;
        while (step < rough) {
            if (step * 2 >= rough) {
                return step * 2;
            }
            if (step * 5 >= rough) {
                return step * 5;
            }
            step *= 10;
        }
        return step;
    }
}
