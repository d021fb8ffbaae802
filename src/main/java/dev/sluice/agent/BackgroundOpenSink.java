package dev.sluice.agent;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A sink opened on a thread of its own, so the job's start does not wait for it: the trace writer's first open
 * loads Arrow and, through Arrow's {@code Schema}, Jackson (about 900 classes, most of the agent's start). What
 * the pipeline delivers meanwhile is held, at most {@value #HELD_EVENTS} events (a few MiB), then passed on in order
 * once the sink is open; past that a probe's event is dropped and counted by kind, as the pipeline's rings do, and
 * the counts follow what was held as {@link AppEvent.EventsDropped} events, at the last drop's time, with a note
 * of the total and the span of the run it was lost over (the run's own events, its start, end and notes, are always
 * held). The dispatcher never waits for the open, so a listener beside it is not held up; only
 * {@link #close} does (a job that exits before the open is done still leaves its trace).
 * A failed open fails the sink at the next delivery, as a failed open in the pipeline would.
 */
final class BackgroundOpenSink implements EventSink {

    /** Events are ~100–200 B on the heap: 64 Ki of them a few MiB of the job's heap at most. */
    static final int HELD_EVENTS = 1 << 16;
    static final long OPEN_AFTER_SECONDS = 10;

    private final EventSink sink;
    private final CompletableFuture<?> openAfter;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final List<List<Event>> held = new ArrayList<>();
    private int heldEvents;
    /** Probe events dropped while the held events were full, by kind name (dispatcher thread only). */
    private final Map<String, Long> dropped = new TreeMap<>();
    private long droppedTotal;
    /** The trace times of the first and the last dropped event: the report says over what time events were lost. */
    private long firstDropNanos;
    private long lastDropNanos;
    private String runId = "";

    BackgroundOpenSink(EventSink sink) {
        this(sink, CompletableFuture.completedFuture(null));
    }

    /**
     * @param openAfter the open starts once this completes (however), or {@link #OPEN_AFTER_SECONDS} at most: at the
     *                  JVM's start, the weaving, which the job's first request waits for, gets the cores first
     */
    BackgroundOpenSink(EventSink sink, CompletableFuture<?> openAfter) {
        this.sink = sink;
        this.openAfter = openAfter;
    }

    @Override
    public void open(RunInfo run) {
        runId = run.runId();
        Thread opener = new Thread(() -> {
            try {
                awaitStart();
                sink.open(run);
                System.setProperty(SluiceAgent.OPEN_CPU_MILLIS_PROPERTY, SluiceAgent.threadCpuMillis());
                opened.complete(null);
            } catch (Throwable t) {
                opened.completeExceptionally(t);
            }
        }, "sluice-agent-open-trace");
        opener.setDaemon(true);
        opener.start();
    }

    @Override
    public void accept(List<Event> batch) throws Exception {
        if (!opened.isDone()) {
            hold(batch);
            return;
        }
        awaitOpen();
        sink.accept(batch);
    }

    @Override
    public void tick() throws Exception {
        if (opened.isDone()) {
            awaitOpen();
            sink.tick();
        }
    }

    @Override
    public Optional<Exception> failure() {
        return sink.failure();
    }

    @Override
    public void close() throws Exception {
        try {
            awaitOpen();
        } finally {
            if (opened.isDone() && !opened.isCompletedExceptionally()) {
                sink.close(); // an open sink is released even when a held batch failed (the trace reads as incomplete)
            }
        }
    }

    private void hold(List<Event> batch) {
        List<Event> kept = new ArrayList<>(batch.size()); // a copy: the pipeline reuses its batch list
        for (Event e : batch) {
            if (heldEvents < HELD_EVENTS || e.body() instanceof AppEvent) {
                kept.add(e);
                heldEvents++;
            } else {
                dropped.merge(EventCatalog.of(e.body()).name(), 1L, Long::sum);
                firstDropNanos = droppedTotal == 0 ? e.timeNanos() : firstDropNanos;
                lastDropNanos = e.timeNanos();
                droppedTotal++;
            }
        }
        if (!kept.isEmpty()) {
            held.add(kept);
        }
    }

    /** Waits for {@code openAfter} however it ends (the weaving reports its own failures), bounded. */
    private void awaitStart() {
        openAfter.handle((done, error) -> null).completeOnTimeout(null, OPEN_AFTER_SECONDS, TimeUnit.SECONDS).join();
    }

    /** Waits for the open, then passes on what was held; throws what the open threw. */
    private void awaitOpen() throws Exception {
        try {
            opened.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        List<List<Event>> pending = List.copyOf(held);
        held.clear(); // passed on once: a batch that fails is not sent again by close()
        heldEvents = 0;
        for (List<Event> batch : pending) {
            sink.accept(batch);
        }
        if (!dropped.isEmpty()) {
            sink.accept(dropReport(pending.get(pending.size() - 1).get(pending.get(pending.size() - 1).size() - 1)));
            dropped.clear();
        }
    }

    /**
     * What was dropped, at the last held event's time (the report follows every held event, and trace time never goes
     * back): a count per kind, then one note with the total and the span of trace time it was lost over, so the late
     * report does not read as a loss at the open.
     */
    private List<Event> dropReport(Event lastHeld) {
        List<Event> report = new ArrayList<>();
        long at = Math.max(lastDropNanos, lastHeld.timeNanos());
        dropped.forEach((kind, n) -> report.add(new Event(runId, at, lastHeld.thread(), lastHeld.threadId(),
                new AppEvent.EventsDropped(kind, n, droppedTotal))));
        report.add(new Event(runId, at, lastHeld.thread(), lastHeld.threadId(), new AppEvent.Note(String.format(
                Locale.ROOT, "sluice agent: %d probe events dropped while the trace opened (%d held at most), over %.1f ms"
                        + " of the run (%.3f s to %.3f s)", droppedTotal, HELD_EVENTS, (lastDropNanos - firstDropNanos) / 1e6,
                firstDropNanos / 1e9, lastDropNanos / 1e9))));
        return report;
    }

    /** Probe events dropped so far because the held events were full (for tests). */
    long dropped() {
        return droppedTotal;
    }
}
