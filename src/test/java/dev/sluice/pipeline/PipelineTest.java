package dev.sluice.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.RunInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PipelineTest {

    private static RunInfo run() {
        return new RunInfo("test", "test", Map.of(), Instant.now(), "test");
    }

    /** Keeps every event it sees. */
    static class CollectingSink implements EventSink {
        final List<Event> events = new ArrayList<>();
        volatile boolean closed;

        @Override
        public void accept(List<Event> batch) {
            events.addAll(batch);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void deliversEveryEventInOrderPerProducerWithThreadAndTime() throws Exception {
        CollectingSink sink = new CollectingSink();
        Pipeline p = Pipeline.live(run(), 1 << 16, List.of(sink));
        Thread t = new Thread(() -> {
            for (int i = 0; i < 1000; i++) {
                p.emit(new FlightEvent.BatchReceived("c", "s", i, 1));
            }
        }, "producer-x");
        t.start();
        t.join();
        p.close();
        assertTrue(sink.closed);
        List<Long> rows = new ArrayList<>();
        for (Event e : sink.events) {
            if (e.body() instanceof FlightEvent.BatchReceived b) {
                rows.add(b.rows());
                assertEquals("producer-x", e.thread());
                assertEquals("test", e.runId());
            }
        }
        assertEquals(1000, rows.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, rows.get(i));
        }
        assertEquals(0, p.dropped());
    }

    @Test
    void floodAtTenTimesWhatTheRingsAndSparesHoldDropsAndCountsExactlyWithBoundedQueue() throws Exception {
        int capacity = 1024;
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong delivered = new AtomicLong();
        AtomicLong reportedDrops = new AtomicLong();
        EventSink slow = batch -> {
            release.await(); // the dispatcher is stuck until the flood is over
            for (Event e : batch) {
                if (e.body() instanceof FlightEvent.BatchReceived) {
                    delivered.incrementAndGet();
                } else if (e.body() instanceof AppEvent.EventsDropped d) {
                    assertEquals("BatchReceived", d.droppedKind());
                    reportedDrops.addAndGet(d.count());
                }
            }
        };
        Pipeline p = Pipeline.live(run(), capacity, List.of(slow));
        int producers = 2;
        int bound = (producers + Pipeline.SPARE_SEGMENTS) * capacity; // each ring, and the spares all share
        int perProducer = 5 * bound; // 10x the bound in total
        AtomicInteger maxQueued = new AtomicInteger();
        Thread[] threads = new Thread[producers];
        for (int t = 0; t < producers; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    p.emit(new FlightEvent.BatchReceived("c", "s", i, 1));
                    maxQueued.accumulateAndGet(p.queued(), Math::max);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long dropped = p.dropped();
        assertTrue(dropped > 0, "a flood at 10x what the rings and spares hold must drop");
        assertTrue(maxQueued.get() <= bound, "the rings stay within their capacity and the spares: " + maxQueued.get());
        release.countDown();
        p.close();
        assertEquals((long) producers * perProducer, delivered.get() + dropped, "every event delivered or counted");
        assertEquals(dropped, reportedDrops.get(), "drops are reported downstream exactly");
        assertEquals(Map.of("BatchReceived", dropped), p.droppedByKind());
    }

    @Test
    void causeIsDeliveredBeforeEffectAcrossThreads() throws Exception {
        CollectingSink sink = new CollectingSink();
        Pipeline p = Pipeline.live(run(), 1 << 16, List.of(sink));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < 5_000; i++) {
                long n = i;
                p.emit(new FlightEvent.BatchReceived("c", "cause", n, 0)); // on this thread
                other.submit(() -> p.emit(new FlightEvent.BatchConsumed("c", "effect", n, 0))).get();
            }
        } finally {
            other.shutdown();
        }
        p.close();
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
        assertEquals(5_000, effects);
    }

    @Test
    void heartbeatKeepsTimeMovingWhileProducersAreSilent() throws Exception {
        CollectingSink sink = new CollectingSink();
        Pipeline p = Pipeline.live(run(), 1024, List.of(sink));
        p.emit(new AppEvent.RunStarted("t", "dev"));
        Thread.sleep(350);
        p.close();
        long beats = sink.events.stream().filter(e -> e.body() instanceof AppEvent.Heartbeat).count();
        assertTrue(beats >= 2, "heartbeats: " + beats);
        assertTrue(sink.events.get(0).body() instanceof AppEvent.RunStarted, "the stream starts with the run");
    }

    @Test
    void noHeartbeatPrecedesTheFirstEventHoweverLateItComes() throws Exception {
        CollectingSink sink = new CollectingSink();
        Pipeline p = Pipeline.live(run(), 1024, List.of(sink));
        Thread.sleep(250); // a run slow to start: its RunStarted comes after several heartbeat periods
        p.emit(new AppEvent.RunStarted("t", "dev"));
        p.close();
        assertTrue(sink.events.get(0).body() instanceof AppEvent.RunStarted, () -> "first: " + sink.events.get(0));
    }

    @Test
    void aFailingSinkIsReportedAndTheOthersGoOn() throws Exception {
        CollectingSink good = new CollectingSink();
        EventSink bad = batch -> {
            throw new IllegalStateException("disk full");
        };
        Pipeline p = Pipeline.live(run(), 1024, List.of(bad, good));
        p.emit(new AppEvent.Note("x"));
        p.close();
        assertEquals(1, p.sinkFailures().size());
        assertEquals("disk full", p.sinkFailures().get(0).getMessage());
        assertTrue(good.events.stream().anyMatch(e -> e.body() instanceof AppEvent.Note));
    }

    @Test
    void anErrorThrownByASinkIsReportedAndTheDispatcherGoesOn() throws Exception {
        CollectingSink good = new CollectingSink();
        EventSink bad = batch -> {
            throw new AssertionError("invariant broken");
        };
        Pipeline p = Pipeline.live(run(), 1024, List.of(bad, good));
        p.emit(new AppEvent.Note("x"));
        p.close();
        assertEquals(List.of("invariant broken"), p.sinkFailures().stream().map(Throwable::getMessage).toList());
        assertTrue(good.events.stream().anyMatch(e -> e.body() instanceof AppEvent.Note));
        assertTrue(good.closed, "the other sinks still close");
    }

    /** A sink that keeps going after a failure it caught (as the detectors do) and tells it at close. */
    static final class KeepingSink extends CollectingSink {
        Exception kept;

        @Override
        public void accept(List<Event> batch) {
            super.accept(batch);
            if (kept == null && batch.stream().anyMatch(e -> e.body() instanceof AppEvent.Note)) {
                kept = new IllegalStateException("detector X failed on event #2");
            }
        }

        @Override
        public Optional<Exception> failure() {
            return Optional.ofNullable(kept);
        }
    }

    @Test
    void aFailureASinkKeptIsReportedWhenThePipelineClosesAndTheSinkStillSeesEveryEvent() throws Exception {
        KeepingSink keeping = new KeepingSink();
        Pipeline p = Pipeline.live(run(), 1024, List.of(keeping));
        p.emit(new AppEvent.Note("x"));
        p.emit(new AppEvent.Note("y"));
        p.close();
        assertEquals(List.of("detector X failed on event #2"), p.sinkFailures().stream().map(Throwable::getMessage).toList());
        assertEquals(2, keeping.events.stream().filter(e -> e.body() instanceof AppEvent.Note).count(),
                "a sink that keeps its failure is not skipped");
        assertTrue(keeping.closed);
    }
}
