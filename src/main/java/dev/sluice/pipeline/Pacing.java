package dev.sluice.pipeline;

import java.util.concurrent.TimeUnit;

/**
 * How soon a live pipeline's dispatcher takes new events, traded against how often it wakes.
 * Each wake-up costs the dispatcher a pass over every ring; inside a user's job that CPU is the job's.
 */
public enum Pacing {
    /**
     * The console and scenario runs: a new event waits at most 2 ms; any event resets the back-off. A burst that
     * outruns a descheduled dispatcher may borrow 32 spare segments (2 Mi events at the default capacity).
     */
    INTERACTIVE(TimeUnit.MICROSECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(2), 0, 32),
    /**
     * Inside a user's job (the agent): the dispatcher wakes about every 10 ms unless its last pass
     * took many events. A thread's ring (64 Ki events) fills within one such pause only above about
     * 6 M events/s from that thread, far above what the probes emit (and then goes on in a spare segment). The job's
     * heap is the job's: 4 spare segments (256 Ki events), not the console's 32; past them events are dropped and
     * counted, as the trace then says.
     */
    BACKGROUND(TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(10), 64, 4);

    final long minParkNanos;
    final long maxParkNanos;
    /** A pass taking fewer events than this still pauses (0: only an empty pass pauses). */
    final int busyPass;
    /** Spare ring segments a live pipeline's probes may borrow, all threads together. */
    final int spareSegments;

    Pacing(long minParkNanos, long maxParkNanos, int busyPass, int spareSegments) {
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
        this.busyPass = busyPass;
        this.spareSegments = spareSegments;
    }
}
