package dev.sluice.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.RunInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** A ring that goes on in spare segments when its own is full, and the live drain across a segment's end. */
class RingSegmentsTest {

    private static Event event(long time, String thread) {
        return new Event("test", time, thread, 1, new FlightEvent.BatchReceived("c", "s", time, 1));
    }

    @Test
    void emitPastAFullSegmentGoesOnInASpareAndTheConsumerTakesAllInOrderThenGivesItBack() {
        SpareSegments spares = new SpareSegments(8, 2);
        ProducerRing<Event> ring = new ProducerRing<>(Thread.currentThread(), 8, new DispatcherWake(), spares);
        for (int i = 0; i < 20; i++) {
            assertTrue(ring.offerOrBorrow(event(i, "p"), i), "refused at " + i);
        }
        assertEquals(2, spares.borrowed(), "8 in its own segment, 8 and 4 in two spares");
        assertFalse(ring.offerOrBorrow(event(20, "p"), 20) && ring.offerOrBorrow(event(21, "p"), 21)
                && ring.offerOrBorrow(event(22, "p"), 22) && ring.offerOrBorrow(event(23, "p"), 23)
                && ring.offerOrBorrow(event(24, "p"), 24), "the third segment full and no spare left");
        assertEquals(24, ring.size());
        List<Long> taken = new ArrayList<>();
        EventBatch batch = new EventBatch(4);
        while (ring.size() > 0) {
            ring.drainTo(batch, 5);
            batch.forEach(e -> taken.add(e.timeNanos()));
            batch.clear();
        }
        ring.consumerSegment();
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 24; i++) {
            expected.add(i);
        }
        assertEquals(expected, taken);
        assertEquals(0, spares.borrowed(), "segments left behind are given back");
        assertEquals(2, spares.pooled());
    }

    @Test
    void offerRefusesOnceTheRingHoldsASegmentsWorthEvenIfItsSpareHasRoom() {
        SpareSegments spares = new SpareSegments(8, 1);
        ProducerRing<Event> ring = new ProducerRing<>(Thread.currentThread(), 8, new DispatcherWake(), spares);
        for (int i = 0; i < 9; i++) {
            assertTrue(ring.offerOrBorrow(event(i, "p"), i));
        }
        assertFalse(ring.offer(event(9, "p"), 9), "offer never borrows, nor writes past a ring's worth");
        EventBatch batch = new EventBatch(8);
        ring.drainTo(batch, 8);
        assertTrue(ring.offer(event(9, "p"), 9), "room again once the consumer took events");
    }

    @Test
    void aLiveBatchStopsBeforeEventsStampedAfterAnEventItCouldNotReachInANextSegment() {
        SpareSegments spares = new SpareSegments(4, 2);
        ProducerRing<Event> a = new ProducerRing<>(Thread.currentThread(), 4, new DispatcherWake(), spares);
        ProducerRing<Event> b = new ProducerRing<>(Thread.currentThread(), 4, new DispatcherWake(), spares);
        for (long t : new long[] {0, 2, 4, 6, 8, 10}) { // 0..6 fill a's segment, 8 and 10 are in a spare
            assertTrue(a.offerOrBorrow(event(t, "a"), t));
        }
        for (long t : new long[] {1, 3, 9}) {
            assertTrue(b.offerOrBorrow(event(t, "b"), t));
        }
        LiveDrain drain = new LiveDrain();
        EventBatch batch = new EventBatch(16);
        List<List<Long>> batches = new ArrayList<>();
        while (!drain.drain(List.of(a, b), batch, 64, 64)) {
            List<Long> times = new ArrayList<>();
            batch.forEach(e -> times.add(e.timeNanos()));
            batches.add(times);
            batch.clear();
        }
        // b's 9 waits for a's 8, which the first pass could not take from a's next segment
        assertEquals(List.of(List.of(0L, 1L, 2L, 3L, 4L, 6L), List.of(8L, 9L, 10L)), batches);
    }

    @Test
    void threadsEmittingWhileTheDispatcherIsStuckGoOnInSparesAndEveryEventArrivesInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ReplayOrderAndLiveMergeTest.OrderCheckingSink sink = new ReplayOrderAndLiveMergeTest.OrderCheckingSink();
        EventSink stuck = batch -> {
            release.await(); // stuck on its first batch until every producer is done
            sink.accept(batch);
        };
        int capacity = 64;
        int threads = 3;
        int perThread = 300; // 900 events: more than the three rings hold, less than with the spares
        Pipeline p = Pipeline.live(new RunInfo("test", "test", Map.of(), Instant.now(), "test"), capacity, List.of(stuck));
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread producer = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    p.emit(new FlightEvent.BatchReceived("c", "s", i, 1));
                }
            }, "producer-" + t);
            producers.add(producer);
            producer.start();
        }
        for (Thread t : producers) {
            t.join();
        }
        release.countDown();
        p.close();
        assertEquals(0, p.dropped());
        assertTrue(p.spareSegmentBorrows() > 0, "the rings had to borrow");
        assertEquals(0, sink.unsortedBatches);
        Map<String, Long> next = new HashMap<>();
        for (Event e : sink.events) {
            if (e.body() instanceof FlightEvent.BatchReceived b) {
                long expected = next.getOrDefault(e.thread(), 0L);
                assertEquals(expected, b.rows(), e.thread());
                next.put(e.thread(), expected + 1);
            }
        }
        assertEquals(Map.of("producer-0", 300L, "producer-1", 300L, "producer-2", 300L), next);
    }

    @Test
    void causeIsDeliveredBeforeEffectAcrossThreadsWhileTheirRingsGoOnInSpares() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        PipelineTest.CollectingSink sink = new PipelineTest.CollectingSink();
        EventSink heldFirst = batch -> {
            release.await(); // the first batch waits until both rings have moved on into spares
            sink.accept(batch);
        };
        Pipeline p = Pipeline.live(new RunInfo("test", "test", Map.of(), Instant.now(), "test"), 64, List.of(heldFirst));
        ExecutorService other = Executors.newSingleThreadExecutor();
        int pairs = 3_000;
        try {
            for (int i = 0; i < pairs; i++) {
                long n = i;
                p.emit(new FlightEvent.BatchReceived("c", "cause", n, 0)); // on this thread
                other.submit(() -> p.emit(new FlightEvent.BatchConsumed("c", "effect", n, 0))).get();
                if (i == 500) { // 1,000 events held: past both rings' 64, within the spares
                    release.countDown();
                }
            }
        } finally {
            other.shutdown();
            release.countDown();
        }
        p.close();
        assertEquals(0, p.dropped());
        assertTrue(p.spareSegmentBorrows() >= 2, "both rings borrowed: " + p.spareSegmentBorrows());
        Set<Long> causes = new HashSet<>();
        int effects = 0;
        for (Event e : sink.events) {
            if (e.body() instanceof FlightEvent.BatchReceived b) {
                causes.add(b.rows());
            } else if (e.body() instanceof FlightEvent.BatchConsumed c) {
                assertTrue(causes.contains(c.rows()), "effect " + c.rows() + " delivered before its cause");
                effects++;
            }
        }
        assertEquals(pairs, effects);
    }
}
