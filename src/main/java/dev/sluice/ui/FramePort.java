package dev.sluice.ui;

import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;

/** A {@link UiPort} that also publishes what to show: one {@link Frame} per pulse. */
public interface FramePort extends UiPort {

    /** The frame to show; it changes on the UI thread only. */
    ReadOnlyObjectProperty<Frame> frameProperty();

    /** The display clock in nanos (throttles work to a few times a second). */
    default long nanoTime() {
        return System.nanoTime();
    }

    /**
     * Computes {@code work} off the UI thread, then hands its result to {@code done} on the UI thread:
     * for indexing a large live snapshot without holding up a pulse. When the work fails, {@code failed}
     * runs on the UI thread instead (the caller must not wait for a result forever). Here (tests, the
     * compare window) it runs at once on the caller's thread.
     */
    default <T> void offUi(Supplier<T> work, Consumer<T> done, Runnable failed) {
        runHere(work, done, failed);
    }

    /** Runs {@code work} on the caller's thread, then {@code done}, or {@code failed} (and rethrows) if it threw. */
    static <T> void runHere(Supplier<T> work, Consumer<T> done, Runnable failed) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            failed.run();
            throw e;
        }
        done.accept(result);
    }
}
