package dev.sluice.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Writes a node's picture as PNG (without javafx-swing): the pixels are taken on the UI thread,
 * encoding and writing happen wherever {@link Picture#writeTo} is called.
 */
public final class PngExport {

    private PngExport() {
    }

    /** A node's pixels, ARGB, row by row. */
    public record Picture(int width, int height, int[] argb) {

        /** Encodes the pixels as PNG into {@code file}. */
        public void writeTo(Path file) throws IOException {
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            out.setRGB(0, 0, width, height, argb, 0, width);
            if (!ImageIO.write(out, "png", file.toFile())) {
                throw new IOException("no PNG writer available");
            }
        }
    }

    /** Takes {@code node}'s picture; UI thread only (a snapshot renders the scene graph). */
    public static Picture take(Node node) {
        FxThread.check("taking a picture of a view");
        WritableImage image = node.snapshot(null, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return new Picture(w, h, argb);
    }
}
