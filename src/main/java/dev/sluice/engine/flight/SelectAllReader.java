package dev.sluice.engine.flight;

import dev.sluice.event.FlightEvent;
import dev.sluice.event.FlightEvent.StreamOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code select-all}: one consumer thread reads the Flight streams itself, stream by stream or one
 * batch from each in turn — the datafusion-distributed shape that deadlocks when unread streams
 * hold the connection window (h2 receiver) or the server's call slots.
 */
final class SelectAllReader implements ShuffleReader {

    private final ShuffleRun run;
    private final Thread consumer;

    SelectAllReader(ShuffleRun run) {
        this.run = run;
        this.consumer = new Thread(this::consume, "sluice-flight-consumer");
        consumer.setDaemon(true);
    }

    @Override
    public void start() {
        consumer.start();
    }

    private void consume() {
        try {
            if (run.config.order() == ShuffleConfig.Order.ROUND_ROBIN) {
                roundRobin();
            } else {
                for (ShuffleStream s : run.streams) {
                    while (readOne(s)) {
                        // to the end of this stream before the next one
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.abort("consumer interrupted");
        } finally {
            run.consumerWaitsOn("");
            for (ShuffleStream s : run.streams) {
                if (!s.finished()) {
                    s.finish(run.out, StreamOutcome.CANCELLED, "cancelled by the client: " + run.abortReason());
                }
                run.closeFlight(s);
            }
        }
    }

    private void roundRobin() throws InterruptedException {
        List<ShuffleStream> live = new ArrayList<>(run.streams);
        while (!live.isEmpty()) {
            live.removeIf(s -> !readOneUnchecked(s));
        }
    }

    private boolean readOneUnchecked(ShuffleStream s) {
        try {
            return readOne(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.abort("consumer interrupted");
            return false;
        }
    }

    /** Reads one batch of {@code s}; false when the stream has ended (ok, failed or cancelled). */
    @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the one consumer thread
    private boolean readOne(ShuffleStream s) throws InterruptedException {
        if (s.finished() || Thread.currentThread().isInterrupted()) {
            return false;
        }
        if (run.isAborted()) {
            s.finish(run.out, StreamOutcome.CANCELLED, "cancelled by the client: " + run.abortReason());
            run.closeFlight(s);
            return false;
        }
        run.consumerWaitsOn(s.name);
        long rows = run.next(s);
        if (rows < 0) {
            if (!s.finished()) {
                s.finish(run.out, StreamOutcome.OK, null);
            }
            run.closeFlight(s);
            return false;
        }
        String conn = s.connection.name();
        long bytes = s.lastBatchBytes;
        run.out.emit(new FlightEvent.BatchReceived(conn, s.name, rows, bytes));
        run.consumeDelay();
        s.rowsConsumed += rows;
        run.rowsConsumed.addAndGet(rows);
        run.bytesConsumed.addAndGet(bytes);
        run.progress.incrementAndGet();
        run.out.emit(new FlightEvent.BatchConsumed(conn, s.name, rows, bytes));
        return true;
    }

    @Override
    public boolean awaitDone(long millis) throws InterruptedException {
        consumer.join(millis);
        return !consumer.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        consumer.interrupt();
        consumer.join(TimeUnit.SECONDS.toMillis(10));
        if (consumer.isAlive()) {
            throw new IllegalStateException("flight consumer thread did not stop within 10 s");
        }
    }

    @Override
    public long peakBuffered() {
        return 0;
    }
}
