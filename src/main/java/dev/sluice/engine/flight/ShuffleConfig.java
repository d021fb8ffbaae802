package dev.sluice.engine.flight;

import dev.sluice.event.FlightEvent.ReceiverPolicy;
import java.time.Duration;
import java.util.Locale;

/**
 * How the shuffle client reads.
 *
 * @param window        HTTP/2 flow-control window (stream and connection), bytes
 * @param autoTuneWindow BDP auto-tuning on ({@code initialFlowControlWindow}) instead of a fixed window
 * @param budgetBytes   drain: memory budget for buffered batches (an Arrow allocator limit)
 * @param budgetWait    drain: how long a drain task may wait for budget before the shuffle fails
 * @param queueCapacity bounded-drain: batches per stream queue
 * @param sampleEvery   window sampling period; zero turns sampling off
 * @param stallTimeout  the client gives up (cancels every stream) after this long without progress
 * @param deadline      the whole shuffle's deadline
 * @param consumeDelay  simulated work per consumed batch
 */
public record ShuffleConfig(ReceiverPolicy receiver, int window, boolean autoTuneWindow, Strategy strategy, Order order,
                            long budgetBytes, Duration budgetWait, int queueCapacity, Duration sampleEvery,
                            Duration stallTimeout, Duration deadline, Duration consumeDelay, Duration connectTimeout) {

    /** How batches get from the streams to the consumer. */
    public enum Strategy {
        /** One consumer thread reads the FlightStreams itself (the datafusion-distributed shape). */
        SELECT_ALL,
        /** One drain task per stream into an unbounded queue; back-pressure at the memory budget (their PR #240). */
        DRAIN,
        /** One drain task per stream into a bounded queue; brings the deadlock back. */
        BOUNDED_DRAIN;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Strategy fromId(String id) {
            for (Strategy s : values()) {
                if (s.id().equals(id.trim())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("flight.strategy must be select-all, drain or bounded-drain, got '" + id + "'");
        }
    }

    /** In which order the consumer takes batches. */
    public enum Order {
        /** Stream by stream, each to its end. */
        SEQUENTIAL,
        /** One batch from each stream in turn. */
        ROUND_ROBIN,
        /** Whatever arrives first (drain strategies only). */
        ARRIVAL;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Order fromId(String id) {
            for (Order o : values()) {
                if (o.id().equals(id.trim())) {
                    return o;
                }
            }
            throw new IllegalArgumentException("flight.order must be sequential, round-robin or arrival, got '" + id + "'");
        }
    }

    public ShuffleConfig {
        if (window < 65_535 || window > (1 << 30)) {
            throw new IllegalArgumentException("flight.window must be between 65535 and 1073741824 bytes, got " + window);
        }
        if (strategy == Strategy.SELECT_ALL && order == Order.ARRIVAL) {
            throw new IllegalArgumentException("flight.order=arrival needs a drain strategy; select-all reads sequential or round-robin");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("flight.queue must be at least 1, got " + queueCapacity);
        }
        if (!sampleEvery.isZero() && sampleEvery.toMillis() < 1) {
            throw new IllegalArgumentException("flight.sampleEvery must be 0 (off) or at least 1ms, got " + sampleEvery);
        }
    }
}
