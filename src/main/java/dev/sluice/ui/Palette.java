package dev.sluice.ui;

import dev.sluice.detect.Severity;
import dev.sluice.event.Engine;
import javafx.scene.paint.Color;

/** Colours for what the views draw on canvases, in the light and the dark theme. */
public record Palette(Color background, Color text, Color muted, Color grid, Color lane, Color cursor,
                      Color accent, Color ok, Color warning, Color error) {

    public static final Palette LIGHT = new Palette(Color.web("#ffffff"), Color.web("#24292f"), Color.web("#57606a"),
            Color.web("#d0d7de"), Color.web("#f6f8fa"), Color.web("#8250df"), Color.web("#0969da"),
            Color.web("#1a7f37"), Color.web("#bf8700"), Color.web("#cf222e"));
    public static final Palette DARK = new Palette(Color.web("#0d1117"), Color.web("#c9d1d9"), Color.web("#8b949e"),
            Color.web("#30363d"), Color.web("#161b22"), Color.web("#d2a8ff"), Color.web("#58a6ff"),
            Color.web("#3fb950"), Color.web("#d29922"), Color.web("#f85149"));

    public Color severity(Severity s) {
        return switch (s) {
            case ERROR -> error;
            case WARNING -> warning;
            default -> accent;
        };
    }

    public Color engine(Engine e) {
        return switch (e) {
            case S3 -> Color.web("#2da44e");
            case FLIGHT -> Color.web("#0969da");
            case DELTA -> Color.web("#bc4c00");
            default -> muted;
        };
    }

    /** A colour for an outcome text ({@code ok}, {@code failed}, {@code open}, ...). */
    public Color outcome(String outcome) {
        if (outcome == null || "open".equals(outcome)) {
            return accent;
        }
        return "ok".equals(outcome) ? ok : error;
    }
}
