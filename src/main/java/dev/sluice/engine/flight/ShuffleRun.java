package dev.sluice.engine.flight;

import dev.sluice.event.Emitter;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.FlightEvent.StreamOutcome;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** State shared by the client's coordinator and its reader threads during one shuffle. */
final class ShuffleRun {

    private static final Logger LOG = LoggerFactory.getLogger(ShuffleRun.class);

    static final String CONSUMER = "consumer";

    final ShuffleConfig config;
    final Emitter out;
    final List<ShuffleStream> streams;
    /** Bumped on every batch received or consumed; the stall guard watches it. */
    final AtomicLong progress = new AtomicLong();
    final AtomicLong rowsConsumed = new AtomicLong();
    final AtomicLong bytesConsumed = new AtomicLong();
    private final AtomicReference<String> aborted = new AtomicReference<>();
    private volatile boolean budgetExceeded;
    private String waitingOn;

    ShuffleRun(ShuffleConfig config, Emitter out, List<ShuffleStream> streams) {
        this.config = config;
        this.out = out;
        this.streams = List.copyOf(streams);
    }

    /** Gives up: records why (first reason wins) and cancels every stream still running. */
    void abort(String reason) {
        if (aborted.compareAndSet(null, reason)) {
            for (ShuffleStream s : streams) {
                s.cancel(reason);
            }
        }
    }

    void budgetExceeded(String reason) {
        budgetExceeded = true;
        abort(reason);
    }

    boolean isBudgetExceeded() {
        return budgetExceeded;
    }

    String abortReason() {
        return aborted.get();
    }

    boolean isAborted() {
        return aborted.get() != null;
    }

    /** The consumer now waits on {@code stream} ("" for none or any); emitted only on change. Consumer thread only. */
    void consumerWaitsOn(String stream) {
        if (!stream.equals(waitingOn)) {
            waitingOn = stream;
            out.emit(new FlightEvent.ConsumerWaiting(CONSUMER, stream));
        }
    }

    /**
     * Reads the next batch of {@code s} on the calling thread; returns its row count, or -1 at the
     * end or on failure (then the stream is finished with a clear error).
     */
    @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: one thread reads each stream
    long next(ShuffleStream s) {
        try {
            if (!s.flight.next()) {
                return -1;
            }
            VectorSchemaRoot root = s.flight.getRoot();
            long rows = root.getRowCount();
            long bytes = 0;
            for (FieldVector v : root.getFieldVectors()) {
                bytes += v.getBufferSize();
            }
            s.lastBatchBytes = bytes;
            s.rowsReceived += rows;
            s.batchesReceived++;
            progress.incrementAndGet();
            return rows;
        } catch (RuntimeException e) {
            fail(s, e);
            return -1;
        }
    }

    void fail(ShuffleStream s, Exception e) {
        // only our own abort is a cancel: a server that resets its streams (CANCELLED) failed them
        boolean cancelled = isAborted();
        String why = isAborted() ? "cancelled by the client: " + abortReason()
                : "stream " + s.name + " from " + s.connection.location().getUri() + " failed after "
                + s.batchesReceived + " batches (" + s.rowsReceived + " rows): " + describe(e);
        s.finish(out, cancelled ? StreamOutcome.CANCELLED : StreamOutcome.FAILED, why);
    }

    static String describe(Throwable e) {
        if (e instanceof FlightRuntimeException f) {
            return f.status().code() + " " + (f.getMessage() == null ? "" : f.getMessage());
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    void consumeDelay() throws InterruptedException {
        long nanos = config.consumeDelay().toNanos();
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }

    /**
     * Closes a stream's Flight reader on the thread that read it, once it ended normally. A failed
     * or cancelled stream can still get messages delivered while its call winds down; those would
     * leak, so it is closed by the client only after its channel has terminated ({@link #closeAfterTermination}).
     */
    void closeFlight(ShuffleStream s) {
        if (s.outcome() == StreamOutcome.OK) {
            closeNow(s);
        }
    }

    /** Closes whatever Flight readers are left; call after every channel has terminated. */
    static void closeAfterTermination(List<ShuffleStream> streams) {
        for (ShuffleStream s : streams) {
            closeNow(s);
        }
    }

    private static void closeNow(ShuffleStream s) {
        if (s.flight == null || !s.markClosed()) {
            return;
        }
        try {
            s.flight.close();
        } catch (Exception e) {
            if (s.outcome() == StreamOutcome.OK) {
                throw new IllegalStateException("closing stream " + s.name + " failed: " + describe(e), e);
            }
            // a cancelled or failed stream rethrows its cause on close; it is already recorded on the stream
            LOG.debug("closing {} after {}: {}", s.name, s.outcome(), describe(e));
        }
    }
}
