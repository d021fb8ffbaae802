package dev.sluice.engine.flight;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves shuffle partitions ({@code part-N} tickets) of generated lineitem batches. Flight calls
 * {@link #getStream} on the gRPC callback thread; waiting there for the listener's readiness hangs
 * the stream, so every stream is produced on this server's own producer executor instead.
 */
public final class ShuffleProducer extends NoOpFlightProducer {

    private static final Logger LOG = LoggerFactory.getLogger(ShuffleProducer.class);
    static final String TICKET_PREFIX = "part-";
    public static final String SHUFFLE_PATH = "shuffle";

    private final BufferAllocator allocator;
    private final ExecutorService producers;
    private final int partitions;
    private final long batchesPerPartition;
    private final int rowsPerBatch;
    private final int serverIndex;
    private volatile boolean closing;

    ShuffleProducer(BufferAllocator allocator, ExecutorService producers, int serverIndex, int partitions,
                    long batchesPerPartition, int rowsPerBatch) {
        this.allocator = allocator;
        this.producers = producers;
        this.serverIndex = serverIndex;
        this.partitions = partitions;
        this.batchesPerPartition = batchesPerPartition;
        this.rowsPerBatch = rowsPerBatch;
    }

    public static Ticket ticket(int partition) {
        return new Ticket((TICKET_PREFIX + partition).getBytes(StandardCharsets.UTF_8));
    }

    long rowsPerPartition() {
        return batchesPerPartition * rowsPerBatch;
    }

    void closing() {
        closing = true;
    }

    /** Describes the shuffle ({@code path shuffle}): one endpoint per partition, served here (no locations). */
    @Override
    public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
        if (descriptor.isCommand() || !descriptor.getPath().equals(List.of(SHUFFLE_PATH))) {
            throw CallStatus.NOT_FOUND.withDescription("server " + serverIndex + " serves only the path '" + SHUFFLE_PATH
                    + "', not " + descriptor).toRuntimeException();
        }
        List<FlightEndpoint> endpoints = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            endpoints.add(new FlightEndpoint(ticket(p)));
        }
        return new FlightInfo(LineitemBatches.SCHEMA, descriptor, endpoints, -1, rowsPerPartition() * partitions);
    }

    @Override
    public void listActions(CallContext context, StreamListener<ActionType> listener) {
        listener.onCompleted();
    }

    @Override
    public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
        String text = new String(ticket.getBytes(), StandardCharsets.UTF_8);
        int partition;
        try {
            partition = Integer.parseInt(text.substring(TICKET_PREFIX.length()));
        } catch (RuntimeException e) {
            listener.error(CallStatus.INVALID_ARGUMENT.withDescription("ticket '" + text + "' is not part-N").toRuntimeException());
            return;
        }
        if (!text.startsWith(TICKET_PREFIX) || partition < 0 || partition >= partitions) {
            listener.error(CallStatus.NOT_FOUND.withDescription("server " + serverIndex + " has partitions 0.."
                    + (partitions - 1) + ", not '" + text + "'").toRuntimeException());
            return;
        }
        // register on the callback thread so no readiness or cancel signal is missed
        BackpressureStrategy.CallbackBackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy();
        backpressure.register(listener);
        try {
            producers.execute(() -> produce(partition, listener, backpressure));
        } catch (RejectedExecutionException e) {
            listener.error(CallStatus.UNAVAILABLE.withDescription("server " + serverIndex + " is shutting down").toRuntimeException());
        }
    }

    private void produce(int partition, ServerStreamListener listener, BackpressureStrategy backpressure) {
        try (VectorSchemaRoot root = LineitemBatches.generate(allocator, rowsPerBatch, serverIndex * 1000L + partition)) {
            listener.start(root);
            for (long b = 0; b < batchesPerPartition; b++) {
                if (!awaitReady(listener, backpressure)) {
                    return;
                }
                // the batch is immutable once generated, so sending it again is safe while earlier sends are queued
                listener.putNext();
            }
            listener.completed();
        } catch (RuntimeException e) {
            if (listener.isCancelled() || closing) {
                LOG.debug("server {} partition {} ended while cancelled/closing", serverIndex, partition, e);
            } else {
                LOG.warn("server {} failed producing partition {}", serverIndex, partition, e);
                listener.error(CallStatus.INTERNAL.withDescription("producing partition " + partition + " failed: "
                        + e.getMessage()).withCause(e).toRuntimeException());
            }
        }
    }

    /** Waits (bounded slices, so shutdown is noticed) until the transport can take another batch. */
    private boolean awaitReady(ServerStreamListener listener, BackpressureStrategy backpressure) {
        while (true) {
            if (listener.isCancelled() || closing || Thread.currentThread().isInterrupted()) {
                return false;
            }
            if (listener.isReady()) {
                return true;
            }
            BackpressureStrategy.WaitResult r = backpressure.waitForListener(100);
            if (r == BackpressureStrategy.WaitResult.READY) {
                return true;
            }
            if (r == BackpressureStrategy.WaitResult.CANCELLED) {
                return false;
            }
        }
    }
}
