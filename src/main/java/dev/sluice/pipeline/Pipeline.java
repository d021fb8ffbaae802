package dev.sluice.pipeline;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Emitter;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import dev.sluice.event.RunClock;
import dev.sluice.event.RunInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many producers → bounded rings → one dispatcher thread → sinks, in order.
 *
 * <p>Each producing thread gets its own bounded single-producer ring of {@code capacity} events,
 * so producers never contend; the dispatcher drains the rings round-robin. Live, each batch is
 * then completed with every event stamped no later than its newest one and sorted by time, which
 * keeps causal order across threads (if A happened before B, A is delivered first; see
 * {@link #drain}). Replay keeps the recorded order exactly.
 *
 * <p>Live: probes call {@link #emit}; it stamps time and thread and never blocks — when its ring is
 * full it goes on in a spare segment of the pipeline's (at most {@link #SPARE_SEGMENTS} of
 * {@code capacity} events for all its rings together, borrowed without waiting: a burst that
 * outruns a descheduled dispatcher is kept), and only when none is left is the event dropped and
 * counted per kind; the dispatcher turns the counts into {@link AppEvent.EventsDropped} events so
 * drops are visible downstream. A {@link AppEvent.Heartbeat} every 100 ms keeps time moving for
 * detectors while engines are silent.
 *
 * <p>Replay: {@link #inject} hands recorded events through the same dispatcher and sinks, waiting
 * for room instead of dropping, and no heartbeat is added (the recording has its own).
 */
public final class Pipeline implements Emitter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    public static final int DEFAULT_CAPACITY = 1 << 16;
    /**
     * Spare ring segments a live console's probes may borrow, all threads together ({@link Pacing#INTERACTIVE}; the
     * agent's {@link Pacing#BACKGROUND} has fewer): with the default capacity 32 x 64 Ki = 2 Mi events (24 MiB of arrays
     * at most, besides the events they hold), about 170 ms of emits at 12 M/s that the dispatcher could not drain. On 2
     * loaded cores the paced bench had up to 31 out at once.
     */
    static final int SPARE_SEGMENTS = Pacing.INTERACTIVE.spareSegments;
    static final long HEARTBEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int MAX_BATCH = 4096;
    /** Events taken from one ring per pass, so a busy thread cannot starve the others. */
    private static final int PER_RING = 1024;

    private RunInfo run; // live: its startedAt is replaced by the wall clock at run time 0, in start()
    private RunClock clock; // set in start(), before the sinks open, together with the run's wall-clock anchor
    private final boolean live;
    private final Pacing pacing;
    private final DispatcherWake wake = new DispatcherWake();
    private final RingTable rings;
    private final LiveDrain liveDrain = new LiveDrain();
    private final List<EventSink> sinks;
    private final boolean[] sinkFailed;
    private final List<Throwable> sinkFailures = Collections.synchronizedList(new ArrayList<>());
    private final long[] droppedReported = new long[EventCatalog.size()];
    private final Thread dispatcher;
    private volatile boolean closing;
    /** Dispatcher-only: the run's RunEnded has been taken (the runner emits it last). */
    private boolean runEnded;
    private volatile boolean accepting = true;
    private volatile long dispatched;

    private Pipeline(RunInfo run, boolean live, Pacing pacing, int capacity, List<EventSink> sinks) {
        this.run = run;
        this.live = live;
        this.pacing = pacing;
        this.rings = new RingTable(capacity, wake, live ? pacing.spareSegments : 0);
        this.sinks = List.copyOf(sinks);
        this.sinkFailed = new boolean[this.sinks.size()];
        this.dispatcher = new Thread(this::dispatchLoop, "sluice-dispatcher-" + run.runId());
        this.dispatcher.setDaemon(true);
        this.wake.bind(dispatcher);
    }

    /** A pipeline for a live run, started: its clock starts now. */
    public static Pipeline live(RunInfo run, int capacity, List<EventSink> sinks) {
        return live(run, capacity, sinks, Pacing.INTERACTIVE);
    }

    /** {@link #live(RunInfo, int, List)} whose dispatcher wakes as {@code pacing} says. */
    public static Pipeline live(RunInfo run, int capacity, List<EventSink> sinks, Pacing pacing) {
        Pipeline p = new Pipeline(run, true, pacing, capacity, sinks);
        p.start();
        return p;
    }

    /** A pipeline that replays recorded events into {@code sinks}, started. */
    public static Pipeline replay(RunInfo run, List<EventSink> sinks) {
        Pipeline p = new Pipeline(run, false, Pacing.INTERACTIVE, DEFAULT_CAPACITY, sinks);
        p.start();
        return p;
    }

    private void start() {
        if (live) {
            // run time 0 and startedAt are taken together: traces of several processes merge on this anchor, and
            // opening the sinks (a trace writer's first allocator) can take most of a second
            clock = new RunClock();
            run = new RunInfo(run.runId(), run.scenario(), run.settings(), Instant.now(), run.sluiceVersion());
        }
        for (int i = 0; i < sinks.size(); i++) {
            try {
                sinks.get(i).open(run);
            } catch (Exception e) {
                failSink(i, e);
            }
        }
        if (clock == null) {
            clock = new RunClock();
        }
        dispatcher.start();
    }

    public RunInfo run() {
        return run;
    }

    @Override
    public void emit(EventBody body) {
        if (!accepting) {
            return;
        }
        Thread t = Thread.currentThread();
        ProducerRing<Event> ring = rings.ringOf(t);
        long now = clock.now();
        // emit calls only the borrowing offer and offer only the other: each stays small for the JIT to inline
        if (!ring.offerOrBorrow(new Event(run.runId(), now, t.getName(), ring.ownerId, body), now)) {
            rings.countDrop(ring, EventCatalog.indexOf(body));
        }
    }

    /**
     * {@link #emit} for a producer that can wait, such as a benchmark's flood: false when this
     * thread's ring holds {@code capacity} events (it borrows no spare segment), and then nothing
     * is recorded or counted, so the caller may yield and offer again. True when the event was taken (or discarded because the pipeline is closing).
     * A probe on an application's thread calls {@link #emit}, which never waits.
     */
    public boolean offer(EventBody body) {
        if (!accepting) {
            return true;
        }
        Thread t = Thread.currentThread();
        ProducerRing<Event> ring = rings.ringOf(t);
        long now = clock.now();
        return ring.offer(new Event(run.runId(), now, t.getName(), ring.ownerId, body), now);
    }

    @Override
    public boolean enabled() {
        return accepting;
    }

    /** Replay: hands a recorded event to the dispatcher, waiting while the ring is full. */
    public void inject(Event event) throws InterruptedException {
        offerWaiting(rings.ringOf(Thread.currentThread()), event);
    }

    private void offerWaiting(ProducerRing<Event> ring, Event event) throws InterruptedException {
        while (!ring.offer(event, event.timeNanos())) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (!dispatcher.isAlive()) {
                throw new IllegalStateException("pipeline closed");
            }
            LockSupport.parkNanos(20_000);
        }
    }

    /** Events handed to the sinks so far. */
    public long dispatched() {
        return dispatched;
    }

    /** Events dropped because the ring was full, total over all kinds (exact). */
    public long dropped() {
        return rings.dropped(RingTable.DROP_SLOTS - 1);
    }

    /** Dropped events per kind name (exact), only kinds with drops. */
    public Map<String, Long> droppedByKind() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < RingTable.DROP_SLOTS - 1; i++) {
            long n = rings.dropped(i);
            if (n > 0) {
                out.put(EventCatalog.kinds().get(i).name(), n);
            }
        }
        return out;
    }

    /** How many times a ring passing half full woke the parked dispatcher early (a sign its back-off was too long). */
    public long earlyWakes() {
        return wake.earlyWakes();
    }

    /** Spare segments borrowed by the rings at most at once so far (of {@link #SPARE_SEGMENTS}, live). */
    public int mostSpareSegmentsBorrowed() {
        return rings.spares().mostBorrowed();
    }

    /** Spare segments borrowed so far: how many times a probe's emit found its thread's ring full and did not drop. */
    public long spareSegmentBorrows() {
        return rings.spares().borrows();
    }

    /** Events waiting in the rings (at most {@code capacity} each, and {@link #SPARE_SEGMENTS} segments more in all). */
    public int queued() {
        return (int) rings.queued();
    }

    /**
     * Takes up to about {@code max} events from the rings, round-robin; returns whether all were
     * empty. A ring read early in the pass may have missed an event published just after, whose
     * effect (an event on another thread) was read later in the pass. So, live, the batch is
     * completed with every queued event stamped at or before the batch's newest stamp, repeating
     * until a pass adds nothing, in time order ({@link LiveDrain}): a cause, published before its
     * effect was read, is stamped earlier and is always in the same batch or an earlier one.
     */
    private boolean drain(EventBatch batch, int max) {
        if (live) {
            return liveDrain.drain(rings.rings(), batch, max, PER_RING);
        }
        for (ProducerRing<Event> r : rings.rings()) {
            int room = max - batch.size();
            if (room <= 0) {
                break;
            }
            r.drainTo(batch, Math.min(room, PER_RING));
        }
        return batch.isEmpty();
    }

    /**
     * Failures of sinks: thrown (the sink is skipped from then on) or kept by the sink and collected
     * when it closed ({@link EventSink#failure()}). Complete once {@link #close()} has returned.
     */
    public List<Throwable> sinkFailures() {
        synchronized (sinkFailures) {
            return List.copyOf(sinkFailures);
        }
    }

    /** Stops taking events, delivers what was queued, closes the sinks; waits for all of it. */
    @Override
    public void close() throws InterruptedException {
        accepting = false;
        closing = true;
        LockSupport.unpark(dispatcher);
        dispatcher.join();
    }

    private void dispatchLoop() {
        try {
            dispatch();
        } catch (Throwable t) { // the dispatcher itself failed: every sink's output is partial
            sinkFailures.add(t);
            LOG.debug("event dispatcher failed", t);
        } finally {
            closeSinks();
        }
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: only the dispatcher thread counts dispatched
    private void dispatch() {
        EventBatch batch = new EventBatch(2 * MAX_BATCH + EventCatalog.size()); // a live batch may grow past MAX_BATCH
        long nextHeartbeat = HEARTBEAT_NANOS;
        long nextTick = System.nanoTime() + TICK_NANOS;
        long reportedHint = 0;
        long idlePark = pacing.minParkNanos;
        while (true) {
            boolean finishing = closing;
            boolean idle = drain(batch, MAX_BATCH);
            boolean trickle = !idle && batch.size() < pacing.busyPass;
            runEnded |= !batch.isEmpty() && batch.get(batch.size() - 1).body() instanceof AppEvent.RunEnded;
            long dropped = dropped();
            if (dropped != reportedHint || finishing) {
                reportedHint = dropped;
                addDropReports(batch);
            }
            // a run's trace starts with its first event (RunStarted) and ends with its RunEnded: no
            // heartbeat before the one or after the other, however slowly the run starts or late close() comes
            if (live && !runEnded && dispatched + batch.size() > 0) {
                long now = clock.now();
                if (now >= nextHeartbeat) {
                    batch.add(selfEvent(now, new AppEvent.Heartbeat(dispatched + batch.size())));
                    nextHeartbeat = now - now % HEARTBEAT_NANOS + HEARTBEAT_NANOS;
                }
            }
            rings.spares().keepOneReady(); // off the producers' path, while they borrow
            if (!batch.isEmpty()) {
                deliver(batch);
                dispatched += batch.size();
                batch.clear();
            }
            long wall = System.nanoTime();
            if (wall >= nextTick) {
                nextTick = wall + TICK_NANOS;
                tickSinks();
                rings.prune(); // forgets ended threads' drained rings, lets idle spare segments go
            }
            if (idle && finishing && queued() == 0) {
                break;
            }
            if (idle || (trickle && !finishing)) {
                // back off while nothing (or, paced for the background, little) comes, so an idle
                // pipeline costs next to no CPU; the first event after a pause waits at most pacing.maxParkNanos,
                // and a ring filling past half wakes it at once (DispatcherWake)
                wake.park(idlePark);
                idlePark = Math.min(pacing.maxParkNanos, idlePark * 2);
            } else {
                idlePark = pacing.minParkNanos;
            }
        }
    }

    private void addDropReports(List<Event> batch) {
        long now = clock.now();
        long total = dropped();
        for (int i = 0; i < droppedReported.length; i++) {
            long n = rings.dropped(i);
            if (n != droppedReported[i]) {
                EventKind kind = EventCatalog.kinds().get(i);
                batch.add(selfEvent(now, new AppEvent.EventsDropped(kind.name(), n - droppedReported[i], total)));
                droppedReported[i] = n;
            }
        }
    }

    private Event selfEvent(long time, EventBody body) {
        @SuppressWarnings("deprecation")
        long tid = dispatcher.getId();
        return new Event(run.runId(), time, dispatcher.getName(), tid, body);
    }

    private void deliver(List<Event> batch) {
        for (int i = 0; i < sinks.size(); i++) {
            if (sinkFailed[i]) {
                continue;
            }
            try {
                sinks.get(i).accept(batch);
            } catch (Throwable ex) { // an Error too: a silently dead sink would make partial output look complete
                failSink(i, ex);
            }
        }
    }

    private void tickSinks() {
        for (int i = 0; i < sinks.size(); i++) {
            if (!sinkFailed[i]) {
                try {
                    sinks.get(i).tick();
                } catch (Throwable ex) {
                    failSink(i, ex);
                }
            }
        }
    }

    private void closeSinks() {
        for (int i = 0; i < sinks.size(); i++) {
            try {
                sinks.get(i).close();
            } catch (Throwable ex) {
                failSink(i, ex);
            }
            if (!sinkFailed[i]) {
                Exception kept = sinks.get(i).failure().orElse(null);
                if (kept != null) {
                    failSink(i, kept);
                }
            }
        }
    }

    private void failSink(int index, Throwable error) {
        sinkFailed[index] = true;
        sinkFailures.add(error);
        // the failure reaches the user through sinkFailures(); the stack trace only at debug level
        LOG.debug("event sink {} failed", sinks.get(index).getClass().getSimpleName(), error);
    }
}
