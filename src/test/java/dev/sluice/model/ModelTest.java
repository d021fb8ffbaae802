package dev.sluice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.FindingCode;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.RunInfo;
import dev.sluice.event.S3Event;
import dev.sluice.model.Timespan;
import dev.sluice.model.s3.RequestSpan;
import dev.sluice.model.s3.S3Part;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ModelTest {

    private static Event at(long nanos, String thread, EventBody body) {
        return new Event("r", nanos, thread, 1, body);
    }

    private static List<Event> leak() {
        List<Event> events = new ArrayList<>();
        events.add(at(1_000, "pool-1", new S3Event.ClientCreated("c1", S3Event.ClientKind.NETTY, S3Event.Lifecycle.PER_THREAD, "g", S3Event.LoopGroupOwner.SDK_OWNED, 1, S3Event.Completion.EXECUTOR)));
        events.add(at(2_000, "pool-1", new S3Event.RequestStarted("c1", "r1", "GetObject", "k", 0, 10)));
        events.add(at(3_000, "loop-1", new S3Event.RequestIo("c1", "r1", "ch", "loop-1")));
        events.add(at(4_000, "done-1", new S3Event.RequestCompleted("c1", "r1", S3Event.RequestOutcome.OK, 10, 2_000, null)));
        events.add(at(5_000, "pool-1", new S3Event.RequestStarted("c1", "r2", "GetObject", "k", 0, 10)));
        events.add(at(9_000, "main", new S3Event.ThreadEnded("pool-1", 0, S3Event.ThreadRole.POOL, "c1")));
        return events;
    }

    @Test
    void foldsRequestsIntoPathsAndKeepsOlderSnapshotsUnchanged() {
        ModelBuilder b = new ModelBuilder();
        List<Event> events = leak();
        for (int i = 0; i < 4; i++) {
            b.fold(events.get(i));
        }
        ModelSnapshot early = b.snapshot(List.of(), false, null);
        for (int i = 4; i < events.size(); i++) {
            b.fold(events.get(i));
        }
        ModelSnapshot late = b.snapshot(List.of(), true, null);
        assertEquals(4, early.eventCount());
        assertEquals(1, S3Part.of(early).requests().size());
        assertEquals(0, S3Part.of(early).inFlight().size());
        RequestSpan r1 = S3Part.of(early).requests().get(0);
        assertEquals("pool-1", r1.issuer());
        assertEquals("loop-1", r1.ioThread());
        assertEquals("done-1", r1.completer());
        assertEquals(6, late.eventCount());
        assertEquals(1, S3Part.of(late).inFlight().size());
        assertEquals(3, S3Part.of(late).threads().size());
        assertEquals(9_000, S3Part.of(late).threads().stream().filter(t -> t.thread().equals("pool-1")).findFirst()
                .orElseThrow().endedNanos());
        assertEquals(3, S3Part.of(early).threads().size());
        assertEquals(Timespan.OPEN, S3Part.of(early).threads().get(0).endedNanos(), "an older snapshot never changes");
        assertEquals(3, late.times().lastAtOrBefore(4_500));
    }

    @Test
    void aBuilderUsedFromTwoThreadsFails() throws Exception {
        ModelBuilder b = new ModelBuilder();
        b.fold(leak().get(0));
        long before = ThreadGuard.violations();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> CompletableFuture.runAsync(() -> b.fold(leak().get(1))).get());
        assertTrue(e.getCause() instanceof IllegalStateException);
        assertEquals(before + 1, ThreadGuard.violations());
    }

    @Test
    void liveModelPublishesOnlyWhenAsked() {
        LiveModel live = new LiveModel();
        live.open(new RunInfo("r", "t", Map.of(), Instant.now(), "dev"));
        ModelSnapshot first = live.take();
        List<Event> events = leak();
        for (Event e : events) {
            live.accept(List.of(e));
        }
        // the one take() before the batches allowed exactly one snapshot, however many batches came
        assertEquals(1, live.published());
        ModelSnapshot second = live.take();
        assertTrue(second.eventCount() >= 1);
        live.accept(List.of(events.get(0)));
        live.accept(List.of(events.get(1)));
        assertEquals(2, live.published());
        live.close();
        ModelSnapshot end = live.take();
        assertTrue(end.complete());
        assertTrue(end.findings().stream().anyMatch(f -> f.code() == FindingCode.CLIENT_LEAKED));
        assertSame(end, live.take());
        assertTrue(first.eventCount() == 0);
    }

    @Test
    void transportSeeksStepsAndPlaysWithoutReRunning() {
        ModelBuilder b = new ModelBuilder();
        leak().forEach(b::fold);
        ModelSnapshot m = b.snapshot(List.of(), true, null);
        ReplayTransport t = new ReplayTransport();
        t.load(m, false);
        assertEquals(9_000, t.cursor(), "a replay opens at its end");
        t.seek(0);
        t.stepEvent(1);
        assertEquals(1_000, t.cursor());
        t.stepEvent(1);
        assertEquals(2_000, t.cursor());
        t.stepEvent(-1);
        assertEquals(1_000, t.cursor());
        t.setSpeed(1);
        t.play();
        t.advance(3_000);
        assertEquals(4_000, t.cursor());
        assertEquals(4, t.eventsAtCursor());
        t.advance(100_000);
        assertEquals(9_000, t.cursor());
        assertTrue(!t.playing(), "stops at the end");
        assertNull(t.stepFinding(1));
        t.setSpeed(1_000);
        assertEquals(ReplayTransport.MAX_SPEED, t.speed());
    }

    @Test
    void entitiesFreezeWithoutChangingOlderViewsAndCompact() {
        Entities<String> e = new Entities<>();
        for (int i = 0; i < 5000; i++) {
            e.put("k" + i, "v" + i);
        }
        List<String> before = e.freeze();
        for (int i = 0; i < 5000; i++) {
            e.update("k" + i, v -> v + "!");
            if (i % 2 == 0) {
                e.remove("k" + i);
            }
        }
        List<String> after = e.freeze();
        assertEquals(5000, before.size());
        assertEquals("v7", before.get(7));
        assertEquals(2500, after.size());
        assertTrue(after.stream().allMatch(v -> v.endsWith("!")));
        assertEquals("v1!", e.get("k1"));
        assertNull(e.get("k2"));
        assertSame(after, e.freeze(), "nothing changed, nothing copied");
    }
}
