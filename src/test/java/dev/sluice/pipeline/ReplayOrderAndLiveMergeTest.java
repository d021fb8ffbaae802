package dev.sluice.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.RunInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayOrderAndLiveMergeTest {

    private static RunInfo run() {
        return new RunInfo("test", "test", Map.of(), Instant.now(), "test");
    }

    /** Keeps every event, and whether each batch it got was in time order. */
    static final class OrderCheckingSink implements EventSink {
        final List<Event> events = new ArrayList<>();
        int unsortedBatches;

        @Override
        public void accept(List<Event> batch) {
            for (int i = 1; i < batch.size(); i++) {
                if (batch.get(i).timeNanos() < batch.get(i - 1).timeNanos()) {
                    unsortedBatches++;
                    break;
                }
            }
            events.addAll(batch);
        }
    }

    @Test
    void replayHandsEveryEventInRecordedOrderPastAFullRing() throws Exception {
        OrderCheckingSink sink = new OrderCheckingSink();
        Pipeline p = Pipeline.replay(run(), List.of(sink));
        int n = 3 * Pipeline.DEFAULT_CAPACITY; // the ring fills: inject waits instead of dropping
        for (int i = 0; i < n; i++) {
            p.inject(new Event("test", n - i, "replayed", 7, new FlightEvent.BatchReceived("c", "s", i, 1)));
        }
        p.close();
        assertEquals(n, sink.events.size());
        for (int i = 0; i < n; i++) { // replay keeps the recorded order, times going backwards included
            assertEquals(i, ((FlightEvent.BatchReceived) sink.events.get(i).body()).rows());
        }
        assertEquals(0, p.dropped());
    }

    @Test
    void liveBatchesAreInTimeOrderWithEachThreadsOrderKeptForFewAndManyThreadsAtEitherPacing() throws Exception {
        for (Pacing pacing : Pacing.values()) {
            for (int threads : new int[] {3, 12}) { // up to 8 rings merged, more sorted
                deliversEveryEventInOrder(pacing, threads);
            }
        }
    }

    /** Fewer events per thread than its ring holds: no pause of the dispatcher, however long, may drop one. */
    private static void deliversEveryEventInOrder(Pacing pacing, int threads) throws InterruptedException {
        OrderCheckingSink sink = new OrderCheckingSink();
        Pipeline p = Pipeline.live(run(), 1 << 16, List.of(sink), pacing);
        int perThread = 20_000;
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
        p.close();
        String where = pacing + ", " + threads + " threads";
        assertEquals(0, p.dropped(), where);
        assertEquals(0, sink.unsortedBatches, where);
        Map<String, Long> next = new HashMap<>();
        for (Event e : sink.events) {
            if (e.body() instanceof FlightEvent.BatchReceived b) {
                long expected = next.getOrDefault(e.thread(), 0L);
                assertEquals(expected, b.rows(), where + ": " + e.thread());
                next.put(e.thread(), expected + 1);
            }
        }
        assertEquals(threads, next.size(), where);
        for (long count : next.values()) {
            assertEquals(perThread, count, where);
        }
    }
}
