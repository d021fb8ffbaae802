package dev.sluice.ui;

import dev.sluice.detect.ResourceRef;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the canvas views' ViewModels share: they follow the port's frames (UI thread only), bump
 * a revision when their picture changed (the view repaints), offer a one-line summary, the palette
 * and seeking.
 */
public abstract class PictureViewModel {

    protected final ViewPort port;
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private final StringProperty summary = new SimpleStringProperty("");
    private final LiveBudget summaryBudget;
    private Frame frame;
    private boolean mayWait;
    private boolean summaryHeld;

    protected PictureViewModel(ViewPort port) {
        this.port = port;
        this.frame = port.frameProperty().get();
        this.summaryBudget = new LiveBudget(port::nanoTime);
        port.frameProperty().addListener((obs, old, now) -> {
            port.confine(getClass().getSimpleName() + " update");
            Frame previous = frame;
            frame = now;
            mayWait = LiveBudget.isGrowth(now, previous);
            summaryHeld = summaryBudget.holds(now, previous);
            if (!summaryHeld) {
                summaryBudget.shown();
            }
            onFrame(now, previous);
        });
        port.selectionProperty().addListener(o -> {
            mayWait = false;
            onSelection();
        });
    }

    /** Whether the last change may wait for the view's draw budget (see {@link CanvasPane}). */
    public final boolean mayWait() {
        return mayWait;
    }

    /**
     * Whether this frame's summary text is to stay as it is: a live run's counts change every pulse,
     * and a label's new text every pulse lays the shell out again each time; it follows within the
     * draw budget's interval, and a frame that is not growth always updates it.
     */
    protected final boolean summaryHeld() {
        return summaryHeld;
    }

    /** The display clock in nanos that the draw budget runs on. */
    public final long nanoTime() {
        return port.nanoTime();
    }

    /** The selection changed; by default the picture is redrawn. */
    protected void onSelection() {
        changed();
    }

    /** A new frame arrived; by default the picture is redrawn. */
    protected void onFrame(Frame now, Frame previous) {
        changed();
    }

    /** The current frame; UI thread only (pictures are computed from it). */
    protected final Frame frame() {
        port.confine(getClass().getSimpleName() + " picture");
        return frame;
    }

    /** What is selected now. */
    protected final List<ResourceRef> selection() {
        return port.selectionProperty().get();
    }

    /** What the selection highlights: every view marks what stands for one of its resources. */
    protected final Highlight highlight() {
        return new Highlight(selection());
    }

    /**
     * The span the view's time axis covers: its own fit ({@code own}) unless the port lines several
     * views up on one axis (the compare window's runs, stacked).
     */
    protected final TimeAxis span(TimeAxis own) {
        return port.span(own);
    }

    /** Asks the view to repaint. */
    protected final void changed() {
        revision.set(revision.get() + 1);
    }

    public void seek(long nanos) {
        port.seek(nanos);
    }

    public IntegerProperty revisionProperty() {
        return revision;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public ReadOnlyObjectProperty<Palette> paletteProperty() {
        return port.paletteProperty();
    }
}
