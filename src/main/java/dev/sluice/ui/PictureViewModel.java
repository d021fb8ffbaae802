package dev.sluice.ui;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the canvas views' ViewModels share: they follow the session's frames (FX thread only), bump
 * a revision when their picture changed (the view repaints), offer a one-line summary, the palette
 * and seeking.
 */
public abstract class PictureViewModel {

    protected final ConsoleSession session;
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private final StringProperty summary = new SimpleStringProperty("");
    private Frame frame = Frame.EMPTY;

    protected PictureViewModel(ConsoleSession session) {
        this.session = session;
        session.frameProperty().addListener((obs, old, now) -> {
            FxThread.check(getClass().getSimpleName() + " update");
            Frame previous = frame;
            frame = now;
            onFrame(now, previous);
        });
        session.selectionProperty().addListener(o -> changed());
    }

    /** A new frame arrived; by default the picture is redrawn. */
    protected void onFrame(Frame now, Frame previous) {
        changed();
    }

    /** The current frame; FX thread only (pictures are computed from it). */
    protected final Frame frame() {
        FxThread.check(getClass().getSimpleName() + " picture");
        return frame;
    }

    /** Asks the view to repaint. */
    protected final void changed() {
        revision.set(revision.get() + 1);
    }

    public void seek(long nanos) {
        session.seek(nanos);
    }

    public IntegerProperty revisionProperty() {
        return revision;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public ObjectProperty<Palette> paletteProperty() {
        return session.paletteProperty();
    }
}
