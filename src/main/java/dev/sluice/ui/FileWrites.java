package dev.sluice.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes files on the session's file thread, never the FX thread; says on the UI thread how it went. */
final class FileWrites {

    private static final Logger LOG = LoggerFactory.getLogger(FileWrites.class);

    private final Executor ui;
    private final Consumer<String> saved;
    private final BiConsumer<String, String> failed;

    /** {@code saved} hears "saved X to F"; {@code failed} a title and one line; both on the UI thread. */
    FileWrites(Executor ui, Consumer<String> saved, BiConsumer<String, String> failed) {
        this.ui = ui;
        this.saved = saved;
        this.failed = failed;
    }

    void write(Background files, Path target, String what, UiPort.FileJob job) {
        write(files, target, what, job, false);
    }

    /** {@code quiet}: say nothing on success, and a failure only on the status line (no dialog). */
    void write(Background files, Path target, String what, UiPort.FileJob job, boolean quiet) {
        files.execute(() -> {
            try {
                job.writeTo(target);
                if (!quiet) {
                    ui.execute(() -> saved.accept("saved " + what + " to " + target));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot write {} to {}", what, target, e);
                String why = target + ": " + e.getMessage();
                ui.execute(() -> {
                    if (quiet) {
                        saved.accept("could not save " + what + ": " + why);
                    } else {
                        failed.accept("Cannot save " + what, why);
                    }
                });
            }
        });
    }
}
