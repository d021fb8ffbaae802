package dev.sluice.ui;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;

/** A window's first size: the size it was designed for, or the screen's usable area when that is smaller. */
record WindowSize(double width, double height) {

    /** {@code width} × {@code height}, shrunk to the primary screen's visual bounds (a 1280×800 laptop). */
    static WindowSize fitted(double width, double height) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        return new WindowSize(Math.min(width, screen.getWidth()), Math.min(height, screen.getHeight()));
    }
}
