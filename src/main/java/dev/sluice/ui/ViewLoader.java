package dev.sluice.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads a view's FXML: {@code /fxml/<package as path>/<ViewClass>.fxml}, whose controller is the
 * view class itself (View + ViewModel + FXML share a name).
 */
public final class ViewLoader {

    private ViewLoader() {
    }

    /** A loaded view: its root node and its controller. */
    public record Loaded<V>(Parent root, V view) { }

    public static <V> Loaded<V> load(Class<V> viewClass) {
        String path = "/fxml/" + viewClass.getName().replace('.', '/') + ".fxml";
        URL url = viewClass.getResource(path);
        if (url == null) {
            throw new IllegalStateException("missing FXML " + path + " for " + viewClass.getSimpleName());
        }
        FXMLLoader loader = new FXMLLoader(url);
        try {
            Parent root = loader.load();
            return new Loaded<>(root, viewClass.cast(loader.getController()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + path, e);
        }
    }
}
