package dev.sluice.trace;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
     * Waits until the batch in flight is written. The wait is not cut short by an interrupt (the write is bounded, and
     * cancelling it would leave the thread reading vectors that {@code close} frees, and an interrupted channel write
     * closes the file); the interrupt is kept for the caller.
     *
     * @throws IOException when writing it failed (its cause attached)
     */
    void await() throws IOException {
        Future<?> f = inFlight;
        if (f == null) {
            return;
        }
        inFlight = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // kept below; the batch is written whole or fails by itself
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new IOException("writing a batch to " + file + " failed: " + io.getMessage(), io);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("writing a batch to " + file + " failed: " + cause, cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether a batch is still being written. */
    boolean busy() {
        return inFlight != null && !inFlight.isDone();
    }

    /**
     * Stops the thread once its queue is done (after {@link #await()} nothing is in flight), without interrupting it, and
     * waits for it, so the Arrow memory the writer frees next is no longer read.
     */
    @Override
    public void close() {
        thread.shutdown();
        boolean interrupted = false;
        while (!thread.isTerminated()) {
            try {
                thread.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
