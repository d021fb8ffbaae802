package dev.sluice.ui;

import java.util.List;
import javafx.stage.Stage;

/** Opens the console for a headless test, collecting what the FX thread throws. */
final class TestConsoles {

    private TestConsoles() {
    }

    static Console open(Stage stage, List<Throwable> uncaught) {
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        Console console = Console.create(stage);
        // Monocle's headless screen is 1280x800; a larger window overflows its painter
        stage.setWidth(1240);
        stage.setHeight(780);
        stage.show();
        return console;
    }
}
