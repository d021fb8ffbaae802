package dev.sluice.ui;

import java.nio.file.Path;
import javafx.application.Application;

/** Opens the console window (blocks until it is closed). */
public final class ConsoleLauncher {

    /** When the launch began (System.nanoTime), to log how long the first frame took. */
    static volatile long launchedAt;

    private ConsoleLauncher() {
    }

    /** @param trace a trace to open at start, or null for the embedded defaults */
    public static void open(Path trace) {
        launchedAt = System.nanoTime();
        if (trace == null) {
            Application.launch(ConsoleApp.class);
        } else {
            Application.launch(ConsoleApp.class, "--trace=" + trace.toAbsolutePath());
        }
    }
}
