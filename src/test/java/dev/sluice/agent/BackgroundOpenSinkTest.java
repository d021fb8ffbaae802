package dev.sluice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.S3Event;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The agent's trace writer opens beside the job's start: what the pipeline delivers before the open is done is
 * held and passed on in order once it is, and an open that failed fails the sink at the next delivery.
 */
class BackgroundOpenSinkTest {

    private static final RunInfo RUN = new RunInfo("r1", "agent:Job@1", Map.of(), Instant.EPOCH, RunInfo.currentVersion());

    /** A sink whose open waits for the test. */
    private static final class SlowOpen implements EventSink {
        final CountDownLatch release = new CountDownLatch(1);
        final List<Long> seen = new ArrayList<>();
        final List<EventBody> bodies = new ArrayList<>();
        final IOException failure;
        volatile boolean open;

        SlowOpen(IOException failure) {
            this.failure = failure;
        }

        @Override
        public void open(RunInfo run) throws Exception {
            release.await();
            if (failure != null) {
                throw failure;
            }
            open = true;
        }

        @Override
        public void accept(List<Event> batch) {
            assertTrue(open, "delivered before the open was done");
            batch.forEach(e -> seen.add(e.timeNanos()));
            bodies.addAll(batch.stream().map(Event::body).toList());
        }
    }

    private static List<Event> batch(long... times) {
        List<Event> batch = new ArrayList<>();
        for (long t : times) {
            batch.add(new Event("r1", t, "main", 1, new AppEvent.Note("n" + t)));
        }
        return batch;
    }

    @Test
    void whatComesBeforeTheOpenIsHeldAndPassedOnInOrder() throws Exception {
        SlowOpen slow = new SlowOpen(null);
        BackgroundOpenSink sink = new BackgroundOpenSink(slow);
        sink.open(RUN); // returns at once: the open runs on its own thread
        List<Event> reused = batch(1, 2);
        sink.accept(reused);
        reused.clear(); // the pipeline reuses its batch list
        reused.addAll(batch(3));
        sink.accept(reused);
        sink.tick();
        assertEquals(List.of(), slow.seen, "nothing reaches the sink before it is open");
        slow.release.countDown();
        sink.close(); // waits for the open, then passes on what was held
        assertEquals(List.of(1L, 2L, 3L), slow.seen);
    }

    @Test
    void aFailedOpenFailsTheSinkAtTheNextDelivery() throws Exception {
        IOException refused = new IOException("disk full");
        SlowOpen slow = new SlowOpen(refused);
        BackgroundOpenSink sink = new BackgroundOpenSink(slow);
        sink.open(RUN);
        sink.accept(batch(1));
        slow.release.countDown();
        assertSame(refused, assertThrows(IOException.class, sink::close));
        assertEquals(List.of(), slow.seen);
    }

    @Test
    void pastTheHeldBoundAProbesEventsAreDroppedAndCountedButTheRunsOwnAreKept() throws Exception {
        SlowOpen slow = new SlowOpen(null);
        BackgroundOpenSink sink = new BackgroundOpenSink(slow);
        sink.open(RUN);
        List<Event> probes = new ArrayList<>();
        for (int i = 0; i < BackgroundOpenSink.HELD_EVENTS + 5; i++) {
            probes.add(new Event("r1", i * 1_000_000L, "pool-1", 7, new S3Event.ThreadEnded("pool-1", 7, S3Event.ThreadRole.CALLER, "c1")));
        }
        sink.accept(probes);
        sink.accept(batch(BackgroundOpenSink.HELD_EVENTS + 10L)); // the run's own event (a note), past the bound
        assertEquals(5, sink.dropped());
        slow.release.countDown();
        sink.close();
        assertEquals(BackgroundOpenSink.HELD_EVENTS + 3, slow.bodies.size(), "what was held, then the drop report");
        assertEquals(new AppEvent.Note("n" + (BackgroundOpenSink.HELD_EVENTS + 10)), slow.bodies.get(BackgroundOpenSink.HELD_EVENTS));
        assertEquals(new AppEvent.EventsDropped("ThreadEnded", 5, 5), slow.bodies.get(BackgroundOpenSink.HELD_EVENTS + 1));
        // the dropped events were stamped 65.536 s to 65.540 s (one a millisecond): the note gives the total and that span
        assertEquals(new AppEvent.Note("sluice agent: 5 probe events dropped while the trace opened (65536 held at most),"
                + " over 4.0 ms of the run (65.536 s to 65.540 s)"), slow.bodies.get(BackgroundOpenSink.HELD_EVENTS + 2));
        assertEquals((BackgroundOpenSink.HELD_EVENTS + 4L) * 1_000_000L, slow.seen.get(slow.seen.size() - 1),
                "the report is at the last drop's time, the newest held");
    }

    @Test
    void theDropReportNeverGoesBackBeforeAnEventHeldAfterTheLastDrop() throws Exception {
        SlowOpen slow = new SlowOpen(null);
        BackgroundOpenSink sink = new BackgroundOpenSink(slow);
        sink.open(RUN);
        List<Event> probes = new ArrayList<>();
        for (int i = 0; i < BackgroundOpenSink.HELD_EVENTS + 2; i++) {
            probes.add(new Event("r1", i, "pool-1", 7, new S3Event.ThreadEnded("pool-1", 7, S3Event.ThreadRole.CALLER, "c1")));
        }
        sink.accept(probes);
        long heartbeatAfterTheDrops = 10_000_000_000L; // the job's heartbeats go on while the trace opens
        sink.accept(batch(heartbeatAfterTheDrops));
        slow.release.countDown();
        sink.close();
        assertEquals(2, sink.dropped());
        for (int i = 1; i < slow.seen.size(); i++) {
            assertTrue(slow.seen.get(i) >= slow.seen.get(i - 1), "trace time went back at event " + i + ": "
                    + slow.seen.get(i - 1) + " then " + slow.seen.get(i));
        }
        assertEquals(heartbeatAfterTheDrops, slow.seen.get(slow.seen.size() - 1), "the report is at the last held event's time");
    }
}
