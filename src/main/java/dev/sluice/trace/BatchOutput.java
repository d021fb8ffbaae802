package dev.sluice.trace;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The trace writer's output thread: it compresses, checksums and writes a sealed batch while the
 * dispatcher stages the next one. One batch at most is in flight (the next one waits for it, since
 * it refills the same Arrow vectors), so batches reach the file in order and memory stays bounded;
 * a failure is thrown to the dispatcher by the next call that waits, never dropped.
 */
final class BatchOutput implements AutoCloseable {

    /** A batch's writing, on the output thread. */
    interface Write {
        void run() throws IOException;
    }

    private final String file;
    private final ExecutorService thread;
    private Future<?> inFlight;
    /** CPU time the output thread spent writing batches (benchmarks print it beside the dispatcher's). */
    private volatile long cpuNanos;

    BatchOutput(String file) {
        this.file = file;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sluice-trace-output " + file);
            t.setDaemon(true); // a recorder never closed must not keep the JVM alive; its staged rows are lost either way
            return t;
        });
    }

    /** Starts {@code write} on the output thread once the batch before it is written. */
    void submit(Write write) throws IOException {
        await();
        inFlight = thread.submit(() -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            try {
                write.run();
            } finally {
                addCpu(threads.getCurrentThreadCpuTime() - cpu0);
            }
            return null;
        });
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the output thread
    private void addCpu(long nanos) {
        cpuNanos += nanos;
    }

    long cpuNanos() {
        return cpuNanos;
    }

    /**
     * Waits until the batch in flight is written.
     *
     * @throws IOException when writing it failed (its cause attached), or the wait was interrupted
     */
    void await() throws IOException {
        Future<?> f = inFlight;
        if (f == null) {
            return;
        }
        inFlight = null;
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            InterruptedIOException stopped = new InterruptedIOException("interrupted while a batch was written to " + file);
            stopped.initCause(e);
            throw stopped;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new IOException("writing a batch to " + file + " failed: " + io.getMessage(), io);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("writing a batch to " + file + " failed: " + cause, cause);
        }
    }

    /** Whether a batch is still being written. */
    boolean busy() {
        return inFlight != null && !inFlight.isDone();
    }

    /** Stops the thread (after {@link #await()}: nothing is in flight then). */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
