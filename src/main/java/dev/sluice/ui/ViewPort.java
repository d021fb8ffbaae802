package dev.sluice.ui;

import dev.sluice.detect.Finding;
import dev.sluice.detect.ResourceRef;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;

/** What a view of the run needs: the frame, the selection, the palette, and moving the cursor. */
public interface ViewPort extends FramePort {

    /** The resources selected (a finding's, a client); every view highlights them. */
    ReadOnlyObjectProperty<List<ResourceRef>> selectionProperty();

    ReadOnlyObjectProperty<Palette> paletteProperty();

    /** Moves the cursor to {@code nanos} (run time). */
    void seek(long nanos);

    /** Selects {@code resources}; an empty list clears the selection. */
    void select(List<ResourceRef> resources);

    /**
     * The time span a view's axis covers, given the one it would fit to its own content: that one
     * here; the compare window returns one span for both runs so their views line up at run start.
     */
    default TimeAxis span(TimeAxis own) {
        return own;
    }

    /** Seeks to a finding's start and selects what it is about. */
    default void focus(Finding finding) {
        select(finding.resources());
        seek(finding.startNanos());
    }
}
