package dev.sluice.ui;

import javafx.beans.property.ReadOnlyObjectProperty;

/** A {@link UiPort} that also publishes what to show: one {@link Frame} per pulse. */
public interface FramePort extends UiPort {

    /** The frame to show; it changes on the UI thread only. */
    ReadOnlyObjectProperty<Frame> frameProperty();

    /** The display clock in nanos (throttles work to a few times a second). */
    default long nanoTime() {
        return System.nanoTime();
    }
}
