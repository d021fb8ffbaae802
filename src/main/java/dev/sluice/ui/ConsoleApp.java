package dev.sluice.ui;

import java.nio.file.Path;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's JavaFX application; {@code --trace=FILE} opens a trace at start. */
public final class ConsoleApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);

    @Override
    public void start(Stage stage) {
        Console console = Console.create(stage);
        stage.show();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                // after the first frame is under way, so the check's server starts never delay it
                console.checkEmbeddedServers();
                long since = ConsoleLauncher.launchedAt;
                if (since != 0) {
                    LOG.info("first frame {} ms after launch", (System.nanoTime() - since) / 1_000_000);
                }
            }
        }.start();
        String trace = getParameters().getNamed().get("trace");
        if (trace != null) {
            console.session().openTrace(Path.of(trace));
        }
    }
}
