package dev.sluice.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The console's JavaFX application. (Placeholder window until the console views land.) */
public final class ConsoleApp extends Application {

    @Override
    public void start(Stage stage) {
        String trace = getParameters().getNamed().get("trace");
        Label label = new Label(trace == null ? "Sluice console: views are coming. Use 'sluice run demo' meanwhile."
                : "Sluice console: " + trace + " (views are coming; use 'sluice check' meanwhile)");
        stage.setTitle("Sluice");
        stage.setScene(new Scene(new StackPane(label), 900, 600));
        stage.show();
    }
}
