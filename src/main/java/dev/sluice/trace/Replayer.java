package dev.sluice.trace;

import dev.sluice.event.Event;
import dev.sluice.pipeline.EventSink;
import dev.sluice.pipeline.Pipeline;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a loaded trace through a pipeline — the same dispatcher and sinks as a live run — at a
 * speed relative to recorded time (1× real time, N×, or as fast as possible) and seeks to any time.
 * A seek rebuilds the sinks from the factory and feeds them every event before the target as fast
 * as possible, so rewinding never re-runs the scenario; sinks must be pure folds of the stream.
 * One owned thread plays; it ends with {@link #close()}.
 */
public final class Replayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    /** Speed meaning "as fast as possible". */
    public static final double MAX_SPEED = Double.POSITIVE_INFINITY;

    private final TraceContents trace;
    private final Supplier<List<EventSink>> sinks;
    private final Thread player;
    private final Object lock = new Object();
    private Pipeline pipeline;
    private int next;               // index of the next event to play
    private boolean playing;
    private double speed = 1.0;
    private long anchorTrace;       // trace time at anchorWall
    private long anchorWall;
    private boolean closed;
    private volatile RuntimeException failure;

    public Replayer(TraceContents trace, Supplier<List<EventSink>> sinks) {
        this.trace = trace;
        this.sinks = sinks;
        this.pipeline = Pipeline.replay(trace.run(), sinks.get());
        this.player = new Thread(this::playLoop, "sluice-replay");
        this.player.setDaemon(true);
        this.player.start();
    }

    public TraceContents trace() {
        return trace;
    }

    public void play() {
        synchronized (lock) {
            playing = true;
            reanchor();
            lock.notifyAll();
        }
    }

    public void pause() {
        synchronized (lock) {
            playing = false;
            lock.notifyAll();
        }
    }

    /** @param factor relative to recorded time; {@link #MAX_SPEED} for as fast as possible */
    public void setSpeed(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("speed must be positive, got " + factor);
        }
        synchronized (lock) {
            speed = factor;
            reanchor();
        }
    }

    /** Index of the next event to be played (= number of events delivered since the start). */
    public int position() {
        synchronized (lock) {
            return next;
        }
    }

    /** Trace time of the playhead: the time of the last delivered event (0 before the first). */
    public long positionNanos() {
        synchronized (lock) {
            return next == 0 ? 0 : trace.events().get(next - 1).timeNanos();
        }
    }

    /** Why playing stopped early (a sink or the pipeline failed), or null. */
    public RuntimeException failure() {
        return failure;
    }

    public boolean atEnd() {
        synchronized (lock) {
            return next >= trace.events().size();
        }
    }

    /** Delivers the next {@code count} events now (stepping), whether playing or not. */
    public void step(int count) throws InterruptedException {
        synchronized (lock) {
            int end = Math.min(trace.events().size(), next + count);
            while (next < end) {
                pipeline.inject(trace.events().get(next++));
            }
            reanchor();
        }
    }

    /**
     * Moves the playhead so that every event at or before {@code nanos} has been delivered and none
     * after. Going backwards rebuilds the sinks and replays the prefix as fast as possible.
     */
    public void seek(long nanos) throws InterruptedException {
        synchronized (lock) {
            int target = indexAfter(nanos);
            if (target < next) {
                pipeline.close();
                pipeline = Pipeline.replay(trace.run(), sinks.get());
                next = 0;
            }
            while (next < target) {
                pipeline.inject(trace.events().get(next++));
            }
            reanchor();
        }
    }

    /** First index whose event time is after {@code nanos} (events are in recorded order). */
    private int indexAfter(long nanos) {
        List<Event> events = trace.events();
        int i = 0;
        while (i < events.size() && events.get(i).timeNanos() <= nanos) {
            i++;
        }
        return i;
    }

    private void reanchor() {
        anchorWall = System.nanoTime();
        anchorTrace = next == 0 ? 0 : trace.events().get(next - 1).timeNanos();
    }

    private void playLoop() {
        try {
            while (true) {
                synchronized (lock) {
                    while (!closed && (!playing || next >= trace.events().size())) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                    Event e = trace.events().get(next);
                    long due = speed == MAX_SPEED ? 0
                            : anchorWall + (long) ((e.timeNanos() - anchorTrace) / speed) - System.nanoTime();
                    if (due > 0) {
                        TimeUnit.NANOSECONDS.timedWait(lock, Math.min(due, 50_000_000L));
                        continue;
                    }
                    pipeline.inject(e);
                    next++;
                    if (next >= trace.events().size()) {
                        playing = false;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("replay of {} stopped", trace.file(), e);
        }
    }

    /** Waits until every delivered event has been through the sinks, then closes them. */
    @Override
    public void close() throws InterruptedException {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        player.join();
        pipeline.close();
    }
}
