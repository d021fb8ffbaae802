package dev.sluice.ui.transport;

import dev.sluice.detect.Finding;
import dev.sluice.detect.Severity;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.ReplayTransport;
import dev.sluice.ui.Band;
import dev.sluice.ui.Frame;
import dev.sluice.ui.LiveBudget;
import dev.sluice.ui.Palette;
import dev.sluice.ui.TimeText;
import dev.sluice.ui.TransportPort;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Play/pause, steps, speed and the scrubber over the session's cursor. */
public final class TransportViewModel {

    /** A finding drawn on the scrubber, at {@code fraction} of the run. */
    public record FindingMark(double fraction, double endFraction, Severity severity, String title) { }

    /** Speed choices (label, factor); {@link ReplayTransport#UNPACED} is "max". */
    public static final List<String> SPEEDS = List.of("0.1×", "0.25×", "0.5×", "1×", "2×", "5×", "10×", "25×", "100×", "max");

    private final TransportPort port;
    private final DoubleProperty cursor = new SimpleDoubleProperty();
    private final DoubleProperty start = new SimpleDoubleProperty(0);
    private final DoubleProperty end = new SimpleDoubleProperty(1);
    private final StringProperty cursorText = new SimpleStringProperty("—");
    private final StringProperty speed = new SimpleStringProperty("1×");
    private final BooleanProperty hasData = new SimpleBooleanProperty();
    private final ObjectProperty<List<FindingMark>> marks = new SimpleObjectProperty<>(List.of());
    private List<Finding> markedFindings = List.of();
    private long markedEnd = -1;
    private final LiveBudget budget;
    private Frame shown = Frame.EMPTY;

    public TransportViewModel(TransportPort port) {
        this.port = port;
        this.budget = new LiveBudget(port::nanoTime);
        port.frameProperty().addListener((obs, old, frame) -> onFrame(frame));
        speed.addListener((obs, old, now) -> port.setSpeed(factor(now)));
    }

    static double factor(String label) {
        if ("max".equals(label)) {
            return ReplayTransport.UNPACED;
        }
        return Double.parseDouble(label.replace("×", ""));
    }

    void onFrame(Frame frame) {
        port.confine("transport update");
        Frame previous = shown;
        shown = frame;
        // a live run's end, cursor and counts move every pulse: the scrubber, its text and its marks
        // follow a few times a second (each change lays the transport bar out and redraws the marks)
        if (budget.holds(frame, previous)) {
            return;
        }
        budget.shown();
        ModelSnapshot m = frame.model();
        long startNanos = m.startNanos();
        long endNanos = Math.max(startNanos + 1, m.endNanos());
        start.set(startNanos);
        end.set(endNanos);
        cursor.set(frame.cursorNanos());
        hasData.set(m.eventCount() > 0);
        int at = m.times().lastAtOrBefore(frame.cursorNanos()) + 1;
        cursorText.set(TimeText.seconds(frame.cursorNanos()) + " / " + TimeText.seconds(m.endNanos())
                + "   event " + TimeText.count(at) + " / " + TimeText.count(m.eventCount())
                + (frame.live() ? "   LIVE" : ""));
        if (m.findings() != markedFindings || endNanos != markedEnd) {
            markedFindings = m.findings();
            markedEnd = endNanos;
            List<FindingMark> list = new ArrayList<>();
            for (Finding f : m.findings()) {
                long stop = f.isOpen() ? endNanos : f.endNanos();
                double span = endNanos - startNanos;
                list.add(new FindingMark((f.startNanos() - startNanos) / span, (stop - startNanos) / span, f.severity(),
                        Band.title(f)));
            }
            marks.set(List.copyOf(list));
        }
    }

    public void togglePlay() {
        port.togglePlay();
    }

    public void stepEvent(int direction) {
        port.stepEvent(direction);
    }

    public void stepFinding(int direction) {
        port.stepFinding(direction);
    }

    public void seek(double nanos) {
        port.seek((long) nanos);
    }

    public DoubleProperty cursorProperty() {
        return cursor;
    }

    public DoubleProperty startProperty() {
        return start;
    }

    public DoubleProperty endProperty() {
        return end;
    }

    public StringProperty cursorTextProperty() {
        return cursorText;
    }

    public StringProperty speedProperty() {
        return speed;
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return port.playingProperty();
    }

    public BooleanProperty hasDataProperty() {
        return hasData;
    }

    public ObjectProperty<List<FindingMark>> marksProperty() {
        return marks;
    }

    public ReadOnlyObjectProperty<Palette> paletteProperty() {
        return port.paletteProperty();
    }
}
