package dev.sluice.agent;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A sink opened on a thread of its own, so the job's start does not wait for it: the trace writer's first open
 * loads Arrow and, through Arrow's {@code Schema}, Jackson (about 900 classes, most of the agent's start). What
 * the pipeline delivers meanwhile is held, at most {@value #HELD_EVENTS} events, then passed on in order once
 * the sink is open; past that the dispatcher waits for the open (its rings then drop and count, as for any slow
 * sink). A failed open fails the sink at the next delivery, as a failed open in the pipeline would.
 */
final class BackgroundOpenSink implements EventSink {

    static final int HELD_EVENTS = 1 << 20;
    static final long OPEN_AFTER_SECONDS = 10;

    private final EventSink sink;
    private final CompletableFuture<?> openAfter;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final List<List<Event>> held = new ArrayList<>();
    private int heldEvents;

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
        Thread opener = new Thread(() -> {
            try {
                awaitStart();
                sink.open(run);
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
        if (!opened.isDone() && heldEvents + batch.size() <= HELD_EVENTS) {
            held.add(List.copyOf(batch)); // the pipeline reuses its batch list
            heldEvents += batch.size();
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
    }
}
