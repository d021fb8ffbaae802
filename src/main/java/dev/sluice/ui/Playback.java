package dev.sluice.ui;

import dev.sluice.detect.Finding;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.ReplayTransport;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The session's cursor over its model (UI thread only): it advances with the display's pulses,
 * follows a live model, and publishes a {@link Frame} only when what is shown changed.
 */
final class Playback {

    /** Longest time one pulse advances a replay: a stalled display must not jump the cursor. */
    private static final long MAX_STEP_NANOS = 100_000_000L;

    private final ReplayTransport transport = new ReplayTransport();
    private final ObjectProperty<Frame> frame = new SimpleObjectProperty<>(Frame.EMPTY);
    private final BooleanProperty playing = new SimpleBooleanProperty();
    private final FrameTimes frameTimes = new FrameTimes();
    private long lastPulse;

    /** One display pulse at {@code now}: take the live model's newest snapshot, or advance the replay. */
    @SuppressWarnings("ReferenceEquality") // a new snapshot is a new object; equals would compare whole models
    void pulse(long now, ModelSnapshot liveSnapshot) {
        long delta = lastPulse == 0 ? 0 : now - lastPulse;
        lastPulse = now;
        if (delta > 0) {
            frameTimes.add(delta);
        }
        if (liveSnapshot != null) {
            if (liveSnapshot != transport.model()) {
                transport.update(liveSnapshot);
            }
        } else {
            transport.advance(Math.min(delta, MAX_STEP_NANOS));
        }
        publish();
    }

    void load(ModelSnapshot model, boolean live) {
        transport.load(model, live);
        publish();
    }

    void togglePlay() {
        if (transport.playing()) {
            transport.pause();
        } else {
            transport.play();
        }
        publish();
    }

    void stepEvent(int direction) {
        transport.stepEvent(direction);
        publish();
    }

    Finding stepFinding(int direction) {
        Finding f = transport.stepFinding(direction);
        publish();
        return f;
    }

    void seek(long nanos) {
        transport.seek(nanos);
        publish();
    }

    void setSpeed(double factor) {
        transport.setSpeed(factor);
    }

    @SuppressWarnings("ReferenceEquality") // a new snapshot is a new object; equals would compare whole models
    private void publish() {
        Frame current = frame.get();
        if (current.model() != transport.model() || current.cursorNanos() != transport.cursor()
                || current.live() != transport.live()) {
            frame.set(new Frame(transport.model(), transport.cursor(), transport.live()));
        }
        playing.set(transport.playing());
    }

    ObjectProperty<Frame> frameProperty() {
        return frame;
    }

    BooleanProperty playingProperty() {
        return playing;
    }

    long framePercentile(double p) {
        return frameTimes.percentile(p);
    }
}
