package dev.sluice.ui.compare;

import dev.sluice.detect.ResourceRef;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.ui.Frame;
import dev.sluice.ui.Palette;
import dev.sluice.ui.TimeAxis;
import dev.sluice.ui.UiPort;
import dev.sluice.ui.ViewPort;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One run of a comparison as the engine views see it: its own snapshot, but the cursor, the
 * selection, the palette and the time span shared with the other run, so the two stacked views of
 * an engine line up at run start and move together.
 */
final class RunPort implements ViewPort {

    private final UiPort ui;
    private final LongProperty cursor;
    private final ObjectProperty<List<ResourceRef>> selection;
    private final ObjectProperty<Palette> palette;
    private final ObjectProperty<TimeAxis> span;
    private final ObjectProperty<Frame> frame = new SimpleObjectProperty<>(Frame.EMPTY);

    RunPort(UiPort ui, LongProperty cursor, ObjectProperty<List<ResourceRef>> selection,
            ObjectProperty<Palette> palette, ObjectProperty<TimeAxis> span) {
        this.ui = ui;
        this.cursor = cursor;
        this.selection = selection;
        this.palette = palette;
        this.span = span;
        cursor.addListener(o -> frame.set(new Frame(frame.get().model(), cursor.get(), false)));
    }

    /** Shows {@code model} at the shared cursor. */
    void show(ModelSnapshot model) {
        frame.set(new Frame(model, cursor.get(), false));
    }

    ModelSnapshot model() {
        return frame.get().model();
    }

    @Override
    public ReadOnlyObjectProperty<Frame> frameProperty() {
        return frame;
    }

    @Override
    public ReadOnlyObjectProperty<List<ResourceRef>> selectionProperty() {
        return selection;
    }

    @Override
    public ReadOnlyObjectProperty<Palette> paletteProperty() {
        return palette;
    }

    @Override
    public void seek(long nanos) {
        cursor.set(nanos);
    }

    @Override
    public void select(List<ResourceRef> resources) {
        selection.set(List.copyOf(resources));
    }

    /** The span of both runs (their views share one time axis), whatever the view would fit. */
    @Override
    public TimeAxis span(TimeAxis own) {
        return span.get() == null ? own : span.get();
    }

    @Override
    public void confine(String what) {
        ui.confine(what);
    }

    @Override
    public void report(String message) {
        ui.report(message);
    }

    @Override
    public void write(Path target, String what, FileJob job) {
        ui.write(target, what, job);
    }

    @Override
    public void remember(Path target, String what, FileJob job) {
        ui.remember(target, what, job);
    }
}
