package dev.sluice.ui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;

/** The console's JavaFX application; {@code --trace=FILE} opens a trace at start. */
public final class ConsoleApp extends Application {

    @Override
    public void start(Stage stage) {
        Console console = Console.create(stage);
        stage.show();
        String trace = getParameters().getNamed().get("trace");
        if (trace != null) {
            console.session().openTrace(Path.of(trace));
        }
    }
}
