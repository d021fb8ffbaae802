package dev.sluice.engine.flight;

/** A consumer strategy: reads every stream of a {@link ShuffleRun} on threads it owns. */
interface ShuffleReader {

    void start();

    /** Waits up to {@code millis} for the consumer to finish; true when it has. */
    boolean awaitDone(long millis) throws InterruptedException;

    /** Stops and joins every thread it started and releases every buffered batch. */
    void close() throws InterruptedException;

    /** Most bytes held in buffers at once (0 when it buffers nothing). */
    long peakBuffered();
}
