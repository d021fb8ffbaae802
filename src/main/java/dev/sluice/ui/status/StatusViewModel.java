package dev.sluice.ui.status;

import dev.sluice.ui.Frame;
import dev.sluice.ui.StatusPort;
import dev.sluice.ui.TimeText;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Events/s, drops, trace size, memory and background work, refreshed a few times a second, and
 * the embedded servers' state from the launch check.
 */
public final class StatusViewModel {

    private static final long REFRESH_NANOS = 250_000_000L;

    private final StatusPort port;
    private final ReadOnlyObjectProperty<ServersState> servers;
    private final StringProperty rate = new SimpleStringProperty("0 events/s");
    private final StringProperty dropped = new SimpleStringProperty("0 dropped");
    private final StringProperty trace = new SimpleStringProperty("no trace");
    private final StringProperty memory = new SimpleStringProperty("");
    private final StringProperty frames = new SimpleStringProperty("");
    private final BooleanProperty droppedAny = new SimpleBooleanProperty();
    private long lastRefresh = Long.MIN_VALUE;
    private long lastEvents = -1;

    public StatusViewModel(StatusPort port, ReadOnlyObjectProperty<ServersState> servers) {
        this.port = port;
        this.servers = servers;
        port.frameProperty().addListener((obs, old, frame) -> onFrame(frame));
        port.traceBytesProperty().addListener((obs, old, now) -> trace.set(traceText(now.longValue())));
        trace.set(traceText(port.traceBytesProperty().get()));
    }

    void onFrame(Frame frame) {
        port.confine("status update");
        long now = port.nanoTime();
        if (lastRefresh != Long.MIN_VALUE && now - lastRefresh < REFRESH_NANOS) {
            return;
        }
        long elapsed = lastRefresh == Long.MIN_VALUE ? 0 : now - lastRefresh;
        lastRefresh = now;
        long events = frame.live() ? Math.max(0, port.liveEvents())
                : frame.model().times().lastAtOrBefore(frame.cursorNanos()) + 1;
        if (lastEvents >= 0 && elapsed > 0) {
            double perSecond = Math.max(0, events - lastEvents) / (elapsed / 1e9);
            rate.set(TimeText.count(perSecond) + " events/s");
        }
        lastEvents = events;
        long drops = Math.max(frame.model().dropped(), port.liveDropped());
        dropped.set(TimeText.count(drops) + " dropped");
        droppedAny.set(drops > 0);
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        memory.set("heap " + TimeText.bytes(used) + " / " + TimeText.bytes(rt.maxMemory()));
        frames.set(String.format(Locale.ROOT, "frame p99 %.1f ms", port.framePercentile(99) / 1e6));
    }

    static String traceText(long bytes) {
        return bytes < 0 ? "no trace" : "trace " + TimeText.bytes(bytes);
    }

    public StringProperty rateProperty() {
        return rate;
    }

    public StringProperty droppedProperty() {
        return dropped;
    }

    public BooleanProperty droppedAnyProperty() {
        return droppedAny;
    }

    public StringProperty traceProperty() {
        return trace;
    }

    public StringProperty framesProperty() {
        return frames;
    }

    public StringProperty memoryProperty() {
        return memory;
    }

    /** Not checked, starting, ready or failed with why; the view shows its text and tooltip. */
    public ReadOnlyObjectProperty<ServersState> serversProperty() {
        return servers;
    }

    public ReadOnlyStringProperty messageProperty() {
        return port.messageProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return port.progressProperty();
    }
}
