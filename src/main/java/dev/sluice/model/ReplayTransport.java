package dev.sluice.model;

import dev.sluice.detect.Finding;
import java.util.List;

/**
 * The cursor over a time-indexed model: play/pause, speed, step to the next or previous event or
 * finding, seek. Pure (no clock, no JavaFX): the display advances it by wall time once per pulse.
 * For a live run it follows the newest event while playing.
 */
public final class ReplayTransport {

    /** Speeds offered to the user; {@link #MAX_SPEED} plays the whole run in about one second. */
    public static final double MIN_SPEED = 0.1;
    public static final double MAX_SPEED = 100;
    public static final double UNPACED = Double.POSITIVE_INFINITY;

    private ModelSnapshot model = ModelSnapshot.EMPTY;
    private boolean live;
    private boolean playing;
    private double speed = 1;
    private long cursor;

    /**
     * Shows {@code snapshot}: a replay opens paused at its end (the whole run and all findings in
     * view; play starts again from 0), a live run follows its newest event.
     */
    public void load(ModelSnapshot snapshot, boolean liveRun) {
        this.model = snapshot;
        this.live = liveRun;
        this.cursor = snapshot.endNanos();
        this.playing = liveRun;
    }

    /** A newer snapshot of the same live run. */
    public void update(ModelSnapshot snapshot) {
        this.model = snapshot;
        if (live && playing) {
            cursor = snapshot.endNanos();
        }
        if (snapshot.complete()) {
            live = false;
        }
    }

    /** Moves the cursor by {@code wallNanos} of real time at the current speed. */
    public void advance(long wallNanos) {
        if (!playing || live) {
            return;
        }
        long end = model.endNanos();
        double step = speed == UNPACED ? Math.max(wallNanos * MAX_SPEED, end * (wallNanos / 1e9))
                : wallNanos * speed;
        cursor = Math.min(end, cursor + Math.max(1, (long) step));
        if (cursor >= end) {
            playing = false;
        }
    }

    public void play() {
        if (!live && cursor >= model.endNanos()) {
            cursor = model.startNanos();
        }
        playing = true;
    }

    public void pause() {
        playing = false;
    }

    /** Moves to the next ({@code direction} > 0) or previous event's time. */
    public void stepEvent(int direction) {
        playing = false;
        ModelSnapshot.Times times = model.times();
        if (times.size() == 0) {
            return;
        }
        int at = times.lastAtOrBefore(cursor);
        if (direction > 0) {
            int next = at + 1;
            while (next < times.size() && times.timeAt(next) <= cursor) {
                next++;
            }
            cursor = times.timeAt(Math.min(times.size() - 1, next));
        } else {
            int prev = at;
            while (prev >= 0 && times.timeAt(prev) >= cursor) {
                prev--;
            }
            cursor = prev < 0 ? 0 : times.timeAt(prev);
        }
    }

    /** Moves to the start of the next (or previous) finding; returns it, or null if there is none. */
    public Finding stepFinding(int direction) {
        List<Finding> findings = model.findings();
        Finding best = null;
        for (Finding f : findings) {
            long s = f.startNanos();
            if (direction > 0 && s > cursor && (best == null || s < best.startNanos())) {
                best = f;
            } else if (direction < 0 && s < cursor && (best == null || s > best.startNanos())) {
                best = f;
            }
        }
        if (best != null) {
            seek(best.startNanos());
        }
        return best;
    }

    public void seek(long nanos) {
        playing = false;
        cursor = Math.max(0, Math.min(model.endNanos(), nanos));
    }

    public void setSpeed(double speed) {
        this.speed = speed == UNPACED ? UNPACED : Math.max(MIN_SPEED, Math.min(MAX_SPEED, speed));
    }

    public double speed() {
        return speed;
    }

    public boolean playing() {
        return playing;
    }

    public boolean live() {
        return live;
    }

    public long cursor() {
        return cursor;
    }

    public ModelSnapshot model() {
        return model;
    }

    /** Number of events at or before the cursor. */
    public int eventsAtCursor() {
        return model.times().lastAtOrBefore(cursor) + 1;
    }
}
