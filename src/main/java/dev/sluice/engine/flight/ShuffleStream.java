package dev.sluice.engine.flight;

import dev.sluice.event.Emitter;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.FlightEvent.StreamOutcome;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Ticket;

/** One partition being read: its name, connection, ticket, Flight stream and how it ended. */
final class ShuffleStream {

    final String name;
    final ShuffleConnection connection;
    final Ticket ticket;
    volatile FlightStream flight;
    volatile long rowsReceived;
    volatile long batchesReceived;
    volatile long rowsConsumed;
    /** Size of the batch last returned by {@code next()}; reader thread only. */
    long lastBatchBytes;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Null while the stream runs. */
    private volatile StreamOutcome outcome;
    private volatile String error;

    ShuffleStream(String name, ShuffleConnection connection, Ticket ticket) {
        this.name = name;
        this.connection = connection;
        this.ticket = ticket;
    }

    /** Records the end once (first caller wins) and emits it on the calling thread. */
    boolean finish(Emitter out, StreamOutcome outcome, String error) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        this.outcome = outcome;
        this.error = error;
        out.emit(new FlightEvent.StreamCompleted(connection.name(), name, outcome, rowsReceived, error));
        return true;
    }

    /** True for the first caller only: that caller closes the Flight reader. */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    boolean finished() {
        return finished.get();
    }

    StreamOutcome outcome() {
        return outcome;
    }

    String error() {
        return error;
    }

    /** Cancels the call if it is still running; safe from any thread. */
    void cancel(String reason) {
        FlightStream f = flight;
        if (f != null && !finished()) {
            f.cancel(reason, null);
        }
    }
}
