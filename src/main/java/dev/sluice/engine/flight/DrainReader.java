package dev.sluice.engine.flight;

import dev.sluice.event.FlightEvent;
import dev.sluice.event.FlightEvent.StreamOutcome;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.AllocationReservation;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * {@code drain} and {@code bounded-drain}: one drain task per stream keeps reading its Flight stream
 * into a queue, so no stream's bytes sit unread in the transport; one consumer thread takes the
 * batches. {@code drain} queues are unbounded and every buffered batch is reserved against the
 * {@link DrainBudget}; {@code bounded-drain} queues hold {@code queueCapacity} batches and block the
 * drain task when full — which stops reading the stream and brings the flow-control deadlock back.
 */
final class DrainReader implements ShuffleReader {

    /** A buffered batch, or the end of a stream ({@code batch == null}). */
    private record Item(ShuffleStream stream, ArrowRecordBatch batch, AllocationReservation reservation, long rows,
                        long bytes) { }

    private final ShuffleRun run;
    private final boolean bounded;
    private final DrainBudget budget;
    private final ExecutorService drains;
    private final Thread consumer;
    private final Map<ShuffleStream, BlockingQueue<Item>> queues = new LinkedHashMap<>();
    private final BlockingQueue<Item> arrival = new LinkedBlockingQueue<>();

    DrainReader(ShuffleRun run, BufferAllocator allocator) {
        this.run = run;
        this.bounded = run.config.strategy() == ShuffleConfig.Strategy.BOUNDED_DRAIN;
        this.budget = bounded ? null : new DrainBudget(allocator, run.config.budgetBytes(), run.out);
        for (ShuffleStream s : run.streams) {
            queues.put(s, bounded ? new ArrayBlockingQueue<>(run.config.queueCapacity()) : new LinkedBlockingQueue<>());
        }
        this.drains = Executors.newFixedThreadPool(Math.max(1, run.streams.size()), new DefaultThreadFactory("sluice-flight-drain", true));
        this.consumer = new Thread(this::consume, "sluice-flight-consumer");
        consumer.setDaemon(true);
    }

    private BlockingQueue<Item> queueOf(ShuffleStream s) {
        return run.config.order() == ShuffleConfig.Order.ARRIVAL ? arrival : queues.get(s);
    }

    @Override
    public void start() {
        for (ShuffleStream s : run.streams) {
            drains.execute(() -> drain(s));
        }
        consumer.start();
    }

    private void drain(ShuffleStream s) {
        BlockingQueue<Item> q = queueOf(s);
        String conn = s.connection.name();
        try {
            long rows;
            while ((rows = run.next(s)) >= 0) {
                long bytes = s.lastBatchBytes;
                run.out.emit(new FlightEvent.BatchReceived(conn, s.name, rows, bytes));
                AllocationReservation reservation = null;
                if (budget != null) {
                    try {
                        reservation = budget.acquire(s.name, bytes, run.config.budgetWait().toNanos(), run);
                    } catch (DrainBudget.ExceededException e) {
                        run.budgetExceeded(e.getMessage());
                        break;
                    }
                }
                // the batch keeps the transport's buffers alive until the consumer closes it
                ArrowRecordBatch batch = new VectorUnloader(s.flight.getRoot()).getRecordBatch();
                Item item = new Item(s, batch, reservation, rows, bytes);
                if (!put(q, item)) {
                    release(item);
                    break;
                }
            }
            if (!s.finished()) {
                s.finish(run.out, run.isAborted() ? StreamOutcome.CANCELLED : StreamOutcome.OK,
                        run.isAborted() ? "cancelled by the client: " + run.abortReason() : null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.finish(run.out, StreamOutcome.CANCELLED, "cancelled by the client: " + run.abortReason());
        } finally {
            run.closeFlight(s);
            try {
                put(q, new Item(s, null, null, 0, 0));
            } catch (InterruptedException e) {
                // interrupted only by close(), which empties every queue itself
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Queues an item, waiting for room in a bounded queue (that wait is what stops reading the
     * stream); false when the shuffle was aborted meanwhile. Never needs an interrupt to end.
     */
    private boolean put(BlockingQueue<Item> q, Item item) throws InterruptedException {
        while (!q.offer(item, 50, TimeUnit.MILLISECONDS)) {
            if (run.isAborted()) {
                return false;
            }
        }
        return true;
    }

    private void consume() {
        try {
            if (run.config.order() == ShuffleConfig.Order.ARRIVAL) {
                run.consumerWaitsOn("");
                int ended = 0;
                while (ended < run.streams.size()) {
                    Item item = take(arrival);
                    if (item == null) {
                        return;
                    }
                    if (item.batch() == null) {
                        ended++;
                    } else {
                        consumeItem(item);
                    }
                }
            } else {
                for (ShuffleStream s : run.streams) {
                    run.consumerWaitsOn(s.name);
                    Item item;
                    while ((item = take(queues.get(s))) != null && item.batch() != null) {
                        consumeItem(item);
                    }
                    if (item == null) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.abort("consumer interrupted");
        } finally {
            run.consumerWaitsOn("");
        }
    }

    /** Takes the next item, or null once the shuffle was aborted. */
    private Item take(BlockingQueue<Item> q) throws InterruptedException {
        while (true) {
            Item item = q.poll(50, TimeUnit.MILLISECONDS);
            if (item != null) {
                return item;
            }
            if (run.isAborted()) {
                return null;
            }
        }
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the one consumer thread
    private void consumeItem(Item item) throws InterruptedException {
        try {
            run.consumeDelay();
            item.stream().rowsConsumed += item.rows();
            run.rowsConsumed.addAndGet(item.rows());
            run.bytesConsumed.addAndGet(item.bytes());
            run.progress.incrementAndGet();
            run.out.emit(new FlightEvent.BatchConsumed(item.stream().connection.name(), item.stream().name, item.rows(), item.bytes()));
        } finally {
            release(item);
        }
    }

    private void release(Item item) {
        item.batch().close();
        if (item.reservation() != null) {
            budget.release(item.stream().name, item.reservation());
        }
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
        // drain tasks end by themselves once their streams ended or were cancelled; an interrupt
        // inside FlightStream.close() would leave its buffers unreleased, so it is the last resort
        drains.shutdown();
        if (!drains.awaitTermination(10, TimeUnit.SECONDS)) {
            drains.shutdownNow();
        }
        if (!drains.awaitTermination(5, TimeUnit.SECONDS) || consumer.isAlive()) {
            throw new IllegalStateException("flight drain tasks did not stop within 10 s");
        }
        List<BlockingQueue<Item>> all = new ArrayList<>(queues.values());
        all.add(arrival);
        for (BlockingQueue<Item> q : all) {
            for (Item item = q.poll(); item != null; item = q.poll()) {
                if (item.batch() != null) {
                    release(item);
                }
            }
        }
        if (budget != null) {
            budget.close();
        }
    }

    @Override
    public long peakBuffered() {
        return budget == null ? 0 : budget.peak();
    }
}
