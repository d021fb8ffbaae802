package dev.sluice.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/**
 * Not a test: takes one picture per view of a trace for the docs (run under Xvfb):
 * {@code java --add-opens=java.base/java.nio=ALL-UNNAMED -cp target/classes:target/test-classes:target/lib/*
 * dev.sluice.ui.ConsoleScreenshots TRACE OUT_DIR [dark]}.
 */
public final class ConsoleScreenshots {

    private static Path trace;
    private static Path out;
    private static boolean dark;

    public static void main(String[] args) {
        trace = Path.of(args[0]);
        out = Path.of(args[1]);
        dark = args.length > 2 && args[2].equals("dark");
        Application.launch(App.class);
    }

    /** The application (a separate class: a main class extending Application needs the module path). */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            open(stage);
        }
    }

    static void open(Stage stage) {
        Console console = Console.create(stage);
        stage.setWidth(1560);
        stage.setHeight(960);
        stage.show();
        console.shellModel().darkProperty().set(dark);
        console.session().openTrace(trace);
        Thread shooter = new Thread(() -> shoot(console), "screenshots");
        shooter.setDaemon(true);
        shooter.start();
    }

    private static void shoot(Console console) {
        try {
            for (int wait = 0; wait < 100 && console.session().frameProperty().get().model().eventCount() == 0; wait++) {
                Thread.sleep(100);
            }
            Thread.sleep(500);
            String[] names = {"timeline", "event-loops", "windows", "commits"};
            int i = 0;
            for (Tab tab : console.shell().tabs().getTabs()) {
                String name = names[i++];
                onFx(() -> {
                    console.shell().tabs().getSelectionModel().select(tab);
                    if (console.findingsModel().rows().size() > 0) {
                        console.findings().table().getSelectionModel().select(0);
                    }
                    console.session().seek(Long.MAX_VALUE);
                });
                Thread.sleep(800);
                PngExport.Picture[] shot = new PngExport.Picture[1];
                onFx(() -> shot[0] = PngExport.take(console.stage().getScene().getRoot()));
                shot[0].writeTo(new File(out.toFile(), name + (dark ? "-dark" : "") + ".png").toPath());
            }
        } catch (Exception e) {
            LoggerFactory.getLogger(ConsoleScreenshots.class).error("screenshots stopped", e);
        } finally {
            Platform.exit();
        }
    }

    private static void onFx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        done.await(10, TimeUnit.SECONDS);
    }
}
