package dev.sluice.ui;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The least a ViewModel needs of the console: the thread that owns UI state, the status line,
 * and a way to write a file without blocking that thread. The console session implements it; a
 * unit test implements it in memory, so ViewModels are tested without a JavaFX toolkit.
 */
public interface UiPort {

    /** Writes a file's content; runs off the UI thread. */
    @FunctionalInterface
    interface FileJob {
        void writeTo(Path target) throws IOException;
    }

    /** Fails (and counts the slip) unless called on the thread that owns UI state. */
    void confine(String what);

    /** One line for the status bar. */
    void report(String message);

    /**
     * Runs {@code job} on {@code target} in the background; the status bar then says
     * "saved {@code what} to target", or the user is told why it failed.
     */
    void write(Path target, String what, FileJob job);

    /**
     * {@link #write} for the console's own state (the last run): nothing is said when it worked,
     * and a failure is one line on the status bar, never a dialog.
     */
    void remember(Path target, String what, FileJob job);
}
