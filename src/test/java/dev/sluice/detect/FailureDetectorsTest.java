package dev.sluice.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.AppEvent;
import dev.sluice.event.DeltaEvent;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.RunInfo;
import dev.sluice.event.S3Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Failed work is a finding, a detector that throws stops the analysis naming itself and the event,
 * and a cut stream leaves what rests on the run's end unconfirmed — all on hand-made streams.
 */
class FailureDetectorsTest {

    private final List<Event> events = new ArrayList<>();
    private long ms;

    private void next(String thread, EventBody body) {
        ms++;
        events.add(new Event("run", ms * 1_000_000L, thread, thread.hashCode(), body));
    }

    private static RunInfo run(Map<String, String> settings) {
        return new RunInfo("run", "s3-shared-client", settings, Instant.EPOCH, "test");
    }

    /** Feeds the events to a standard suite opened on {@code run}; the stream ends as {@code complete} says. */
    private List<Finding> findings(RunInfo run, boolean complete) {
        DetectorSuite suite = new DetectorSuite();
        suite.open(run);
        FindingLog log = new FindingLog();
        events.forEach(e -> suite.onEvent(e, log));
        suite.onEnd(log, complete);
        return log.sorted();
    }

    private static List<Finding> of(List<Finding> findings, FindingCode code) {
        return findings.stream().filter(f -> f.code() == code).toList();
    }

    @Test
    void failedS3RequestsAreOneFindingPerClientWithCountObjectsCausesAndEndpoint() {
        next("main", new S3Event.ClientCreated("client-1", S3Event.ClientKind.NETTY, S3Event.Lifecycle.SHARED, "loops-1", S3Event.LoopGroupOwner.SDK_OWNED, 2, S3Event.Completion.EXECUTOR));
        for (int i = 0; i < 4; i++) {
            next("pool-1", new S3Event.RequestStarted("client-1", "req-" + i, "GetObject", "obj-" + i, 0, 10));
        }
        next("nio-1", new S3Event.RequestCompleted("client-1", "req-0", S3Event.RequestOutcome.OK, 10, 5, null));
        next("nio-1", new S3Event.RequestCompleted("client-1", "req-1", S3Event.RequestOutcome.FAILED, 0, 5, "Connection refused: /127.0.0.1:9"));
        next("nio-1", new S3Event.RequestCompleted("client-1", "req-2", S3Event.RequestOutcome.FAILED, 0, 5, "Connection refused: /127.0.0.1:9"));
        next("nio-1", new S3Event.RequestCompleted("client-1", "req-3", S3Event.RequestOutcome.TIMEOUT, 0, 5, "apiCallTimeout after 30 s"));
        next("main", new S3Event.ClientClosed("client-1", 0, "main", S3Event.CloseTarget.CLIENT));

        List<Finding> all = findings(run(Map.of("s3.endpoint", "http://127.0.0.1:9")), true);
        List<Finding> failed = of(all, FindingCode.REQUESTS_FAILED);
        assertEquals(1, failed.size(), all::toString);
        Finding f = failed.get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.title().startsWith("3 of 4 objects failed on client-1: Connection refused"), f.title());
        assertTrue(f.explanation().contains("s3.endpoint http://127.0.0.1:9"), f.explanation());
        assertTrue(f.explanation().contains("Connection refused: /127.0.0.1:9; apiCallTimeout after 30 s"), f.explanation());
        assertTrue(f.resources().contains(ResourceRef.of("client", "client-1")), f.resources()::toString);
        assertEquals(7_000_000L, f.startNanos(), "from the first failure");
        assertEquals(9_000_000L, f.endNanos(), "to the last");
        assertTrue(f.confirmed());
    }

    @Test
    void requestsCaughtByACloseOfTheirClientAreLeftToThatFinding() {
        next("main", new S3Event.ClientCreated("client-1", S3Event.ClientKind.NETTY, S3Event.Lifecycle.SHARED, "loops-1", S3Event.LoopGroupOwner.SDK_OWNED, 2, S3Event.Completion.EXECUTOR));
        next("main", new S3Event.RequestStarted("client-1", "req-1", "GetObject", "obj-1", 0, 10));
        next("other", new S3Event.ClientClosed("client-1", 1, "other", S3Event.CloseTarget.EVENT_LOOP_GROUP));
        next("nio-1", new S3Event.RequestCompleted("client-1", "req-1", S3Event.RequestOutcome.FAILED, 0, 5, "channel closed"));
        List<Finding> all = findings(run(Map.of()), true);
        assertEquals(List.of(), of(all, FindingCode.REQUESTS_FAILED), all::toString);
        assertEquals(1, of(all, FindingCode.FOREIGN_CLOSE).size(), all::toString);
    }

    @Test
    void failedFlightStreamsAreAFindingCancelledOnesAreNot() {
        next("main", new FlightEvent.ConnectionOpened("conn-1", "grpc+tcp://127.0.0.1:7", FlightEvent.ReceiverPolicy.GRPC_JAVA, 65_535, 100));
        for (int i = 0; i < 3; i++) {
            next("main", new FlightEvent.StreamOpened("conn-1", "s-" + i, "t-" + i));
        }
        next("grpc-1", new FlightEvent.StreamCompleted("conn-1", "s-0", FlightEvent.StreamOutcome.OK, 10, null));
        next("grpc-1", new FlightEvent.StreamCompleted("conn-1", "s-1", FlightEvent.StreamOutcome.FAILED, 3, "UNAVAILABLE: io exception"));
        next("grpc-1", new FlightEvent.StreamCompleted("conn-1", "s-2", FlightEvent.StreamOutcome.CANCELLED, 0, "cancelled by the client"));
        List<Finding> failed = of(findings(null, true), FindingCode.STREAMS_FAILED);
        assertEquals(1, failed.size());
        Finding f = failed.get(0);
        assertEquals("1 of 3 streams failed on conn-1 (grpc+tcp://127.0.0.1:7): UNAVAILABLE: io exception", f.title());
        assertTrue(f.resources().contains(ResourceRef.of("stream", "s-1")));
    }

    @Test
    void deltaCommitsThatFailForOtherReasonsThanConflictsAreAFinding() {
        String table = "file:///t";
        next("w1", new DeltaEvent.CommitFailed("writer-1", table, "a1", "writer-1/b0",
                "io.delta.standalone.exceptions.ConcurrentAppendException", "conflict", "writer-2", "WRITE", 0, 1, 1, 0));
        next("w2", new DeltaEvent.CommitFailed("writer-2", table, "a2", "writer-2/b0",
                "java.nio.file.AccessDeniedException", "/t/_delta_log/00002.json", "", "", 1, 2, -1, 0));
        next("w3", new DeltaEvent.CommitFailed("writer-3", table, "a3", "writer-3/b0",
                "java.io.IOException", null, "", "", 1, 2, -1, 0));
        List<Finding> all = findings(null, true);
        List<Finding> failed = of(all, FindingCode.COMMITS_FAILED);
        assertEquals(1, failed.size(), all::toString);
        Finding f = failed.get(0);
        assertEquals("2 commit attempt(s) failed on file:///t: AccessDeniedException: /t/_delta_log/00002.json", f.title());
        assertTrue(f.explanation().contains("; IOException."), f.explanation());
        assertEquals(List.of(ResourceRef.of("table", table), ResourceRef.of("writer", "writer-2"),
                ResourceRef.of("writer", "writer-3")), f.resources());
    }

    @Test
    void theTallyCountsFailedObjectsStreamsAndCommitsFromTheEvents() {
        DetectorSuite suite = new DetectorSuite();
        FindingLog log = new FindingLog();
        for (int i = 0; i < 40; i++) {
            next("pool", new S3Event.RequestStarted("client-1", "req-" + i, "GetObject", "obj-" + i, 0, 10));
            next("nio", new S3Event.RequestCompleted("client-1", "req-" + i, S3Event.RequestOutcome.FAILED, 0, 1, "Connection refused"));
        }
        events.forEach(e -> suite.onEvent(e, log));
        assertEquals("40 of 40 objects failed", suite.tally().summary().text());
        assertEquals("", FailureTally.Summary.NONE.text());
    }

    /** A detector with a bug, standing in for any rule that throws on an event it did not expect. */
    private static final class ThrowingDetector implements Detector {
        @Override
        public void onEvent(Event event, FindingSink findings) {
            if (event.body() instanceof S3Event.ClientClosed c) {
                throw new IllegalStateException("no owner for " + c.client());
            }
        }
    }

    @Test
    void aThrowingDetectorStopsTheSuiteNamingItselfTheEventAndItsPosition() {
        next("main", new AppEvent.RunStarted("demo", "test"));
        next("main", new S3Event.ClientCreated("client-1", S3Event.ClientKind.NETTY, S3Event.Lifecycle.SHARED, "loops-1", S3Event.LoopGroupOwner.SDK_OWNED, 2, S3Event.Completion.EXECUTOR));
        next("closer", new S3Event.ClientClosed("client-1", 0, "closer", S3Event.CloseTarget.CLIENT));
        List<Detector> detectors = new ArrayList<>(DetectorSuite.standard());
        detectors.add(new ThrowingDetector());
        DetectorSuite suite = new DetectorSuite(detectors);
        FindingLog log = new FindingLog();
        suite.onEvent(events.get(0), log);
        suite.onEvent(events.get(1), log);
        DetectorFailure failure = assertThrows(DetectorFailure.class, () -> suite.onEvent(events.get(2), log));
        assertEquals("ThrowingDetector", failure.detector());
        assertEquals(3, failure.eventNumber());
        assertTrue(failure.getMessage().startsWith("detector ThrowingDetector failed on event #3 (ClientClosed at "
                + "+0.003s, thread closer): IllegalStateException at FailureDetectorsTest.java:"), failure.getMessage());
        assertTrue(failure.getMessage().contains("(no owner for client-1)"), failure.getMessage());
        assertFalse(failure.getMessage().contains("null"), failure.getMessage());
        // it stays stopped: no later call may pass for a clean analysis
        assertThrows(DetectorFailure.class, () -> suite.onEnd(log));
        assertEquals(failure, suite.failure());
    }

    /** A detector whose rule recurses without end on any event. */
    private static final class RecursingDetector implements Detector {
        @Override
        public void onEvent(Event event, FindingSink findings) {
            depth(0);
        }

        @SuppressWarnings("InfiniteRecursion") // intended: the test needs a StackOverflowError inside a detector
        private static int depth(int n) {
            return depth(n + 1) + 1;
        }
    }

    @Test
    void aStackOverflowInADetectorIsADetectorFailure() {
        next("main", new AppEvent.RunStarted("demo", "test"));
        DetectorSuite suite = new DetectorSuite(List.of(new RecursingDetector()));
        DetectorFailure failure = assertThrows(DetectorFailure.class, () -> suite.onEvent(events.get(0), new FindingLog()));
        assertEquals("RecursingDetector", failure.detector());
        assertTrue(failure.getCause() instanceof StackOverflowError, failure.getMessage());
    }

    private void clientOpenAndRequestInFlight() {
        next("main", new AppEvent.RunStarted("s3-shared-client", "test"));
        next("pool-1", new S3Event.ClientCreated("client-1", S3Event.ClientKind.NETTY, S3Event.Lifecycle.SHARED, "loops-1", S3Event.LoopGroupOwner.SDK_OWNED, 2, S3Event.Completion.EXECUTOR));
        next("pool-1", new S3Event.RequestStarted("client-1", "req-1", "GetObject", "obj-1", 0, 10));
    }

    @Test
    void onACutStreamWhatRestsOnTheRunsEndIsUnconfirmed() {
        clientOpenAndRequestInFlight();
        List<Finding> cut = findings(null, false);
        assertEquals(List.of(FindingCode.CLIENT_LEAKED, FindingCode.FUTURE_NEVER_COMPLETED),
                cut.stream().map(Finding::code).sorted().toList());
        for (Finding f : cut) {
            assertFalse(f.confirmed(), f::toString);
            assertEquals("the trace ends at +0.003s", f.doubt());
        }
    }

    @Test
    void aCompleteStreamOrOneThatReachedRunEndedConfirmsEverything() {
        clientOpenAndRequestInFlight();
        assertTrue(findings(null, true).stream().allMatch(Finding::confirmed));
        next("main", new AppEvent.RunEnded("s3-shared-client", AppEvent.RunOutcome.COMPLETED));
        List<Finding> cutAfterTheEnd = findings(null, false);
        assertEquals(2, cutAfterTheEnd.size());
        assertTrue(cutAfterTheEnd.stream().allMatch(Finding::confirmed), cutAfterTheEnd::toString);
    }

    @Test
    void findingsReportedBeforeTheCutStayConfirmed() {
        next("pool-1", new S3Event.ClientCreated("client-1", S3Event.ClientKind.NETTY, S3Event.Lifecycle.PER_THREAD, "loops-1", S3Event.LoopGroupOwner.SDK_OWNED, 2, S3Event.Completion.EXECUTOR));
        next("pool-1", new S3Event.ThreadEnded("pool-1", 3, S3Event.ThreadRole.POOL, ""));
        List<Finding> cut = findings(null, false);
        assertEquals(1, cut.size());
        assertEquals(FindingCode.CLIENT_LEAKED, cut.get(0).code());
        assertTrue(cut.get(0).confirmed(), "the owner thread ended without closing it: that was seen");
    }

    @Test
    void rowsMissingBeforeVerifyCompletedAreUnconfirmedOnACutTrace() {
        String table = "file:///t";
        next("verify", new DeltaEvent.RowsMissing(table, "writer-1", DeltaEvent.MissingReason.ACKNOWLEDGED, "part-0.parquet", 0, 9, 10));
        List<Finding> cut = of(findings(null, false), FindingCode.LOST_WRITES);
        assertEquals(1, cut.size());
        assertEquals("the trace ends at +0.001s, before verify of file:///t completed", cut.get(0).doubt());

        next("verify", new DeltaEvent.VerifyCompleted(table, DeltaEvent.VerifyOutcome.FAILED, 3, 100, 100, 90, 10, 0, 0, 4, 0));
        assertTrue(of(findings(null, false), FindingCode.LOST_WRITES).get(0).confirmed());
    }

    @Test
    void optionalFieldsThatAreAbsentNeverMakeADetectorThrow() {
        next("main", new S3Event.ClientCreated("client-1", S3Event.ClientKind.NETTY, S3Event.Lifecycle.SHARED, "loops-1", S3Event.LoopGroupOwner.SDK_OWNED, 2, S3Event.Completion.EXECUTOR));
        next("main", new S3Event.RequestStarted("client-1", "req-1", "GetObject", null, 0, 10));
        next("main", new S3Event.ClientClosed("client-1", 1, null, S3Event.CloseTarget.CLIENT));
        next("nio", new S3Event.RequestCompleted("client-1", "req-1", S3Event.RequestOutcome.FAILED, 0, 1, null));
        next("consumer", new FlightEvent.ConsumerWaiting("consumer", null));
        next("grpc", new FlightEvent.StreamCompleted("conn-1", "s-1", FlightEvent.StreamOutcome.FAILED, 0, null));
        next("w1", new DeltaEvent.CommitFailed("writer-1", "file:///t", "a1", "b0", null, null, null, null, 0, 1, -1, 0));
        next("verify", new DeltaEvent.RowsMissing("file:///t", "writer-1", null, null, 0, 9, 10));
        next("pool", new DeltaEvent.TaskSubmitted("pool", "task-1", null));
        next("pool", new DeltaEvent.TaskFinished("pool", "task-1", DeltaEvent.TaskOutcome.FAILED, null, null));
        List<Finding> all = findings(null, true);
        assertTrue(all.stream().anyMatch(f -> f.code() == FindingCode.UNOBSERVED_FAILURE), all::toString);
        assertTrue(all.stream().noneMatch(f -> f.title().contains("null")), all::toString);
    }
}
