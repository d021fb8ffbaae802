package dev.sluice.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.Event;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.RunInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rings by thread, their drop counters, and {@link Pipeline#offer} for producers that can wait. */
class RingTableTest {

    private static final int KIND = EventCatalog.indexOf(new FlightEvent.BatchReceived("c", "s", 0, 1));

    @Test
    void everyThreadGetsItsOwnRingEvenWhenThreadIdsCollideInTheTable() throws Exception {
        RingTable table = new RingTable(16, new DispatcherWake());
        int threads = 300; // more than the table's slots: some ids share a slot
        CountDownLatch allHaveRings = new CountDownLatch(threads);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                ProducerRing<Event> mine = table.ringOf(Thread.currentThread());
                allHaveRings.countDown();
                try {
                    allHaveRings.await(); // all alive at once, so colliding threads alternate in a slot
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    wrong.add("interrupted");
                }
                for (int k = 0; k < 100; k++) {
                    ProducerRing<Event> again = table.ringOf(Thread.currentThread());
                    if (again != mine || again.owner != Thread.currentThread()) {
                        wrong.add(Thread.currentThread().getName());
                    }
                }
            }, "ring-" + i);
            started.add(t);
            t.start();
        }
        for (Thread t : started) {
            t.join();
        }
        assertEquals(List.of(), List.copyOf(wrong));
        assertEquals(threads, table.rings().size());
    }

    @Test
    void dropsOfAThreadWhoseRingWasPrunedStayCounted() throws Exception {
        RingTable table = new RingTable(16, new DispatcherWake());
        Thread t = new Thread(() -> {
            ProducerRing<Event> ring = table.ringOf(Thread.currentThread());
            for (int i = 0; i < 5; i++) {
                table.countDrop(ring, KIND);
            }
        });
        t.start();
        t.join();
        table.prune();
        assertTrue(table.rings().isEmpty(), "an ended thread's drained ring is pruned");
        assertEquals(5, table.dropped(KIND));
        assertEquals(5, table.dropped(RingTable.DROP_SLOTS - 1));
        assertEquals(0, table.dropCounterArrays(), "a pruned ring's counters are kept as totals, not as one more array");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Pacing.class)
    void offerRefusesWithoutCountingADropWhileTheRingIsFullAndEmitBorrowsSparesThenDrops(Pacing pacing) throws Exception {
        CountDownLatch inSink = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong delivered = new AtomicLong();
        EventSink stuck = batch -> {
            inSink.countDown();
            release.await(); // the dispatcher holds its first batch until the ring has been filled
            for (Event e : batch) {
                delivered.addAndGet(e.body() instanceof FlightEvent.BatchReceived ? 1 : 0);
            }
        };
        Pipeline p = Pipeline.live(new RunInfo("test", "test", Map.of(), Instant.now(), "test"), 16, List.of(stuck), pacing);
        AtomicLong offered = new AtomicLong();
        AtomicBoolean dropCountedByOffer = new AtomicBoolean();
        AtomicLong droppedAfterEmit = new AtomicLong();
        AtomicLong emittedBeforeADrop = new AtomicLong();
        Thread producer = new Thread(() -> {
            p.emit(new FlightEvent.BatchReceived("c", "s", 0, 1));
            offered.incrementAndGet();
            try {
                inSink.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            while (p.offer(new FlightEvent.BatchReceived("c", "s", offered.get(), 1))) {
                offered.incrementAndGet();
            }
            dropCountedByOffer.set(p.dropped() != 0);
            while (p.dropped() == 0 && emittedBeforeADrop.get() < 10_000) {
                p.emit(new FlightEvent.BatchReceived("c", "s", -1, 1));
                emittedBeforeADrop.incrementAndGet();
            }
            droppedAfterEmit.set(p.dropped());
        });
        producer.start();
        producer.join();
        release.countDown();
        p.close();
        assertFalse(dropCountedByOffer.get(), "a refused offer is not a drop");
        assertEquals(1, droppedAfterEmit.get(), "emit drops and counts once the spare segments are used up too");
        assertEquals(16 + 1, offered.get(), "the ring's 16 slots and the event the stuck batch holds");
        assertEquals(pacing.spareSegments * 16 + 1, emittedBeforeADrop.get(),
                "emit on a full ring goes on in the pipeline's spare segments, and drops the first event after them");
        assertEquals(pacing.spareSegments, p.mostSpareSegmentsBorrowed());
        assertEquals(offered.get() + emittedBeforeADrop.get() - 1, delivered.get(), "every event taken is delivered, in spares too");
    }
}
