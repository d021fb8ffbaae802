package dev.sluice.ui;

import dev.sluice.model.ModelSnapshot;

/**
 * What the views show in one pulse: a model snapshot seen at a cursor (run nanos). Only
 * ViewModels read it.
 *
 * @param live whether the snapshot is of a run still going
 */
public record Frame(ModelSnapshot model, long cursorNanos, boolean live) {

    public static final Frame EMPTY = new Frame(ModelSnapshot.EMPTY, 0, false);
}
