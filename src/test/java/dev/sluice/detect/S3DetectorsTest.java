package dev.sluice.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.S3Event;
import dev.sluice.event.S3Event.ClientClosed;
import dev.sluice.event.S3Event.ClientCreated;
import dev.sluice.event.S3Event.RequestCompleted;
import dev.sluice.event.S3Event.RequestStarted;
import dev.sluice.event.S3Event.ThreadBlocked;
import dev.sluice.event.S3Event.ThreadEnded;
import dev.sluice.event.S3Event.ThreadSeen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The S3 detectors on hand-made event streams: each rule fires exactly where it should. */
class S3DetectorsTest {

    private final List<Event> events = new ArrayList<>();
    private long ms;

    private void at(long millis, String thread, EventBody body) {
        ms = millis;
        events.add(new Event("run", millis * 1_000_000L, thread, thread.hashCode(), body));
    }

    private void next(String thread, EventBody body) {
        at(ms + 1, thread, body);
    }

    private List<Finding> findings() {
        return DetectorSuite.evaluate(events);
    }

    private static ClientCreated netty(String client, S3Event.Lifecycle lifecycle) {
        return new ClientCreated(client, S3Event.ClientKind.NETTY, lifecycle, "loops-" + client, S3Event.LoopGroupOwner.SDK_OWNED, 2, S3Event.Completion.EXECUTOR);
    }

    @Test
    void ownerClosingAfterItsRequestsIsHealthy() {
        next("main", netty("client-1", S3Event.Lifecycle.SHARED));
        next("s3-client-1-nio-1", new ThreadSeen("s3-client-1-nio-1", 7, S3Event.ThreadRole.EVENT_LOOP, "client-1"));
        next("main", new RequestStarted("client-1", "req-1", "GetObject", "k", 0, 10));
        next("s3-client-1-sdk-async-response-1", new RequestCompleted("client-1", "req-1", S3Event.RequestOutcome.OK, 10, 5, null));
        next("main", new ClientClosed("client-1", 0, "main", S3Event.CloseTarget.CLIENT));
        next("s3-client-1-nio-1", new ThreadEnded("s3-client-1-nio-1", 7, S3Event.ThreadRole.EVENT_LOOP, "client-1"));
        assertEquals(List.of(), findings());
    }

    @Test
    void clientWhoseOwnerThreadEndsLeaksAtThatMoment() {
        at(10, "pool-1", netty("client-1", S3Event.Lifecycle.PER_THREAD));
        next("s3-client-1-nio-1", new ThreadSeen("s3-client-1-nio-1", 7, S3Event.ThreadRole.EVENT_LOOP, "client-1"));
        at(50, "pool-1", new ThreadEnded("pool-1", 3, S3Event.ThreadRole.POOL, ""));
        at(90, "reclaim", new ClientClosed("client-1", 0, "reclaim", S3Event.CloseTarget.RECLAIM));
        List<Finding> f = findings();
        assertEquals(1, f.size());
        assertEquals(FindingCode.CLIENT_LEAKED, f.get(0).code());
        assertEquals(50_000_000L, f.get(0).startNanos());
        assertEquals(90_000_000L, f.get(0).endNanos());
        assertEquals(List.of(ResourceRef.of("client", "client-1"), ResourceRef.of("thread", "pool-1"),
                ResourceRef.of("thread", "s3-client-1-nio-1")), f.get(0).resources());
    }

    @Test
    void clientNeverClosedLeaksAtTheEnd() {
        next("main", netty("client-1", S3Event.Lifecycle.SHARED));
        assertEquals(List.of(FindingCode.CLIENT_LEAKED), findings().stream().map(Finding::code).toList());
    }

    @Test
    void churnNeedsEnoughSingleUseClients() {
        for (int i = 0; i < ClientChurnDetector.THRESHOLD - 1; i++) {
            churnOne("client-" + i);
        }
        assertEquals(List.of(), findings());
        churnOne("client-last");
        List<Finding> f = findings();
        assertEquals(1, f.size());
        assertEquals(FindingCode.CLIENT_CHURN, f.get(0).code());
        assertTrue(f.get(0).title().contains("clients/s") && f.get(0).title().contains("threads/s"), f.get(0).title());
    }

    private void churnOne(String client) {
        next("pool-1", netty(client, S3Event.Lifecycle.PER_REQUEST));
        next(client + "-nio", new ThreadSeen(client + "-nio", 1, S3Event.ThreadRole.EVENT_LOOP, client));
        next("pool-1", new RequestStarted(client, client + "-r", "GetObject", "k", 0, 1));
        next("c", new RequestCompleted(client, client + "-r", S3Event.RequestOutcome.OK, 1, 1, null));
        next("pool-1", new ClientClosed(client, 0, "pool-1", S3Event.CloseTarget.CLIENT));
    }

    @Test
    void clientsServingManyRequestsAreNotChurn() {
        for (int i = 0; i < 20; i++) {
            String client = "client-" + i;
            next("pool-1", netty(client, S3Event.Lifecycle.PER_REQUEST));
            next("pool-1", new RequestStarted(client, client + "-a", "GetObject", "k", 0, 1));
            next("pool-1", new RequestStarted(client, client + "-b", "GetObject", "k", 0, 1));
            next("c", new RequestCompleted(client, client + "-a", S3Event.RequestOutcome.OK, 1, 1, null));
            next("c", new RequestCompleted(client, client + "-b", S3Event.RequestOutcome.OK, 1, 1, null));
            next("pool-1", new ClientClosed(client, 0, "pool-1", S3Event.CloseTarget.CLIENT));
        }
        assertEquals(List.of(), findings());
    }

    @Test
    void closeByAnotherThreadWithRequestsInFlightIsForeign() {
        next("owner", netty("client-1", S3Event.Lifecycle.SHARED));
        next("owner", new RequestStarted("client-1", "req-1", "GetObject", "k", 0, 1));
        at(20, "closer", new ClientClosed("client-1", 1, "closer", S3Event.CloseTarget.EVENT_LOOP_GROUP));
        next("sdk-ScheduledExecutor-0-1", new RequestCompleted("client-1", "req-1", S3Event.RequestOutcome.TIMEOUT, 0, 5_000_000_000L, "ApiCallTimeoutException"));
        next("owner", new ClientClosed("client-1", 0, "owner", S3Event.CloseTarget.CLIENT));
        List<Finding> f = findings();
        // ordered by start: the request began before the close
        assertEquals(List.of(FindingCode.FUTURE_NEVER_COMPLETED, FindingCode.FOREIGN_CLOSE), f.stream().map(Finding::code).toList());
        assertEquals(20_000_000L, f.get(1).startNanos());
        assertTrue(f.get(1).resources().contains(ResourceRef.of("request", "req-1")));
    }

    @Test
    void closeFromTheClientsOwnEventLoopIsForeignEvenWhenIdle() {
        next("owner", netty("client-1", S3Event.Lifecycle.SHARED));
        next("s3-client-1-nio-1", new ThreadSeen("s3-client-1-nio-1", 7, S3Event.ThreadRole.EVENT_LOOP, "client-1"));
        next("s3-client-1-nio-1", new ClientClosed("client-1", 0, "s3-client-1-nio-1", S3Event.CloseTarget.CLIENT));
        assertEquals(List.of(FindingCode.FOREIGN_CLOSE), findings().stream().map(Finding::code).toList());
    }

    @Test
    void aFutureThatNeverCompletesIsReportedOpenAtTheEnd() {
        next("owner", netty("client-1", S3Event.Lifecycle.SHARED));
        next("owner", new RequestStarted("client-1", "req-9", "GetObject", "k", 0, 1));
        next("owner", new ClientClosed("client-1", 1, "owner", S3Event.CloseTarget.CLIENT));
        List<Finding> f = findings();
        assertEquals(List.of(FindingCode.FUTURE_NEVER_COMPLETED), f.stream().map(Finding::code).toList());
        assertTrue(f.get(0).isOpen());
    }

    @Test
    void blockedEventLoopIsReportedOnceAndItsTimeoutsAreAttributedToIt() {
        next("owner", netty("client-1", S3Event.Lifecycle.SHARED));
        at(100, "owner", new RequestStarted("client-1", "req-2", "GetObject", "k", 0, 1));
        at(200, "wd", new ThreadBlocked("nio-1", S3Event.ThreadRole.EVENT_LOOP, "client-1", "CompletableFuture.join", "X.cb(X.java:1)", 0));
        at(450, "wd", new ThreadBlocked("nio-1", S3Event.ThreadRole.EVENT_LOOP, "client-1", "CompletableFuture.join", "X.cb(X.java:1)", 250_000_000L));
        at(700, "wd", new ThreadBlocked("nio-1", S3Event.ThreadRole.EVENT_LOOP, "client-1", "CompletableFuture.join", "X.cb(X.java:1)", 500_000_000L));
        at(3100, "sched", new RequestCompleted("client-1", "req-2", S3Event.RequestOutcome.TIMEOUT, 0, 3_000_000_000L, "ApiCallTimeoutException"));
        next("owner", new ClientClosed("client-1", 0, "owner", S3Event.CloseTarget.CLIENT));
        List<Finding> f = findings();
        assertEquals(List.of(FindingCode.BLOCKING_ON_EVENT_LOOP), f.stream().map(Finding::code).toList());
        assertEquals(200_000_000L, f.get(0).startNanos());
        assertEquals(700_000_000L, f.get(0).endNanos());
    }

    @Test
    void shortWaitsAreNotBlocking() {
        at(200, "wd", new ThreadBlocked("nio-1", S3Event.ThreadRole.EVENT_LOOP, "client-1", "CompletableFuture.join", "X", 0));
        at(300, "wd", new ThreadBlocked("nio-1", S3Event.ThreadRole.EVENT_LOOP, "client-1", "CompletableFuture.join", "X", 100_000_000L));
        assertEquals(List.of(), findings());
    }
}
