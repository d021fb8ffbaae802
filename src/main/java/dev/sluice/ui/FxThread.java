package dev.sluice.ui;

import dev.sluice.model.ThreadGuard;
import javafx.application.Platform;

/** Fails (and counts, see {@link ThreadGuard#violations()}) when UI state is touched off the FX thread. */
public final class FxThread {

    private FxThread() {
    }

    public static void check(String what) {
        if (!Platform.isFxApplicationThread()) {
            throw ThreadGuard.violation(what + " must run on the JavaFX thread, not '"
                    + Thread.currentThread().getName() + "'");
        }
    }
}
