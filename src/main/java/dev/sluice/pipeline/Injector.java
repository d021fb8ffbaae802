package dev.sluice.pipeline;

import dev.sluice.event.Event;

/**
 * {@link Pipeline#inject} for one producing thread, its ring looked up once: a replay loop hands
 * millions of events, and a thread-local lookup per event was a measurable part of the hand-off.
 */
public final class Injector {

    private final Pipeline pipeline;
    private final ProducerRing<Event> ring;

    Injector(Pipeline pipeline, ProducerRing<Event> ring) {
        this.pipeline = pipeline;
        this.ring = ring;
    }

    /** Hands a recorded event to the dispatcher, waiting while the ring is full; only on the thread that made this. */
    public void inject(Event event) throws InterruptedException {
        if (Thread.currentThread() != ring.owner) {
            throw new IllegalStateException("injector of thread " + ring.owner.getName() + " used on thread "
                    + Thread.currentThread().getName() + " (use Pipeline.injector() on each producing thread)");
        }
        pipeline.offerWaiting(ring, event);
    }
}
