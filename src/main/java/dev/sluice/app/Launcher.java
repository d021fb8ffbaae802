package dev.sluice.app;

import dev.sluice.cli.SluiceCommand;

/**
 * The jar's main class. It must not extend {@code javafx.application.Application}: with JavaFX on
 * the class path (not the module path) the JavaFX launcher refuses such a main class.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        int code = SluiceCommand.execute(args);
        System.exit(code);
    }
}
