package dev.sluice.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.ResourceRef;
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

/** Figures from hand-made event streams (times are event stamps, not clocks), the findings diff, and the verdict. */
class ComparisonTest {

    private static final long MS = 1_000_000L;
    private static final String TABLE = "file:///t";

    private final List<Event> events = new ArrayList<>();

    private void at(long ms, EventBody body) {
        events.add(new Event("r", ms * MS, "main", 1, body));
    }

    private List<Event> take() {
        List<Event> out = List.copyOf(events);
        events.clear();
        return out;
    }

    private static ComparedRun run(String name, Map<String, String> settings, List<Event> events, Finding... findings) {
        return new ComparedRun(name, new RunInfo(name, "scn", settings, Instant.EPOCH, "test"), events, List.of(findings));
    }

    private static Finding finding(FindingCode code, String resource, long start) {
        return Finding.of(code + "/" + resource, code, start, List.of(ResourceRef.of("client", resource)), "t", "e", "f");
    }

    @Test
    void s3FiguresAreBytesOverTheRequestSpanAndFailedRequests() {
        at(0, new S3Event.RequestStarted("c1", "q1", "GetObject", "k1", 0, 0));
        at(0, new S3Event.RequestStarted("c1", "q2", "GetObject", "k2", 0, 0));
        at(1000, new S3Event.RequestCompleted("c1", "q1", S3Event.RequestOutcome.OK, 2L << 20, 1, null));
        at(2000, new S3Event.RequestCompleted("c1", "q2", S3Event.RequestOutcome.TIMEOUT, 0, 1, "timeout"));
        Map<Figure, Double> f = RunFigures.of(take());
        assertEquals(1.0, f.get(Figure.S3_MIB_PER_S), 1e-9);
        assertEquals(1.0, f.get(Figure.S3_FAILED_REQUESTS));
        assertFalse(f.containsKey(Figure.FLIGHT_BYTES_PER_S));
    }

    @Test
    void flightStallTimeCountsStretchesOfASecondWithoutProgressWhileStreamsAreOpen() {
        at(0, new FlightEvent.StreamOpened("c", "s0", "t0"));
        at(100, new FlightEvent.BatchReceived("c", "s0", 10, 1000));
        at(200, new FlightEvent.ConnectionWindowSampled("c", 0, 65535, 4000, 0, 1, 0));
        at(300, new FlightEvent.BufferReserved("s0", 1000, 1000, 1 << 20));
        at(900, new FlightEvent.BatchReceived("c", "s0", 10, 1000)); // 0.8 s gap: not a stall
        at(4900, new FlightEvent.StreamCompleted("c", "s0", FlightEvent.StreamOutcome.CANCELLED, 20, "stalled"));
        at(9000, new FlightEvent.StreamOpened("c", "s1", "t1")); // open at the end: 1.5 s still stalled
        at(10500, new FlightEvent.ConnectionWindowSampled("c", 0, 65535, 0, 0, 1, 0));
        Map<Figure, Double> f = RunFigures.of(take());
        assertEquals(4.0 + 1.5, f.get(Figure.FLIGHT_STALL_SECONDS), 1e-9);
        assertEquals(2000 / 4.9, f.get(Figure.FLIGHT_BYTES_PER_S), 1e-9);
        assertEquals(5000.0, f.get(Figure.FLIGHT_PEAK_BUFFERED_BYTES));
    }

    @Test
    void deltaFiguresCountCommitsConflictsRetriesAndVerifysMissingRows() {
        at(0, new DeltaEvent.CommitAttempted("w0", TABLE, "a0", "w0/b0", DeltaEvent.CommitOperation.CREATE_TABLE, -1, 0, 5));
        at(0, new DeltaEvent.CommitAttempted("w1", TABLE, "a1", "w1/b0", DeltaEvent.CommitOperation.CREATE_TABLE, -1, 0, 5));
        at(500, new DeltaEvent.CommitSucceeded("w0", TABLE, "a0", "w0/b0", 0, -1, 0, 5, 1, 100, true, false));
        at(600, new DeltaEvent.CommitFailed("w1", TABLE, "a1", "w1/b0",
                "io.delta.standalone.exceptions.ProtocolChangedException", "m", "w0", "CREATE TABLE", -1, 0, 0, 0));
        at(700, new DeltaEvent.CommitAttempted("w1", TABLE, "a2", "w1/b0", DeltaEvent.CommitOperation.WRITE, 0, 1, 5));
        at(1000, new DeltaEvent.CommitSucceeded("w1", TABLE, "a2", "w1/b0", 1, 0, 1, 5, 1, 100, false, false));
        at(1100, new DeltaEvent.CommitFailed("w1", TABLE, "a3", "w1/b1", "java.io.IOException", "disk", "", "", 1, 2, -1, 0));
        at(1200, new DeltaEvent.VerifyCompleted(TABLE, DeltaEvent.VerifyOutcome.FAILED, 1, 15, 10, 10, 5, 5, 0, 2, 0));
        Map<Figure, Double> f = RunFigures.of(take());
        assertEquals(2 / 1.1, f.get(Figure.DELTA_COMMITS_PER_S), 1e-9);
        assertEquals(1.0, f.get(Figure.DELTA_CONFLICTS)); // the IOException is no conflict
        assertEquals(1.0, f.get(Figure.DELTA_RETRIES));
        assertEquals(5.0, f.get(Figure.DELTA_ROWS_LOST));
    }

    @Test
    void findingsMatchByCodeAndResourcesThenByCodeAlone() {
        Finding leakA = finding(FindingCode.CLIENT_LEAKED, "client-3", 1);
        Finding churnA = finding(FindingCode.CLIENT_CHURN, "s3", 2);
        Finding leakB = finding(FindingCode.CLIENT_LEAKED, "client-7", 1); // the same hazard, another client id
        Finding blockedB = finding(FindingCode.BLOCKING_ON_EVENT_LOOP, "client-7", 3);
        FindingsDiff d = FindingsDiff.of(List.of(leakA, churnA), List.of(leakB, blockedB));
        assertEquals(List.of(churnA), d.gone());
        assertEquals(List.of(leakB), d.stayed());
        assertEquals(List.of(blockedB), d.added());
        assertEquals(List.of(FindingCode.BLOCKING_ON_EVENT_LOOP), d.addedCodes());
    }

    @Test
    void theFixHoldsWhenTheFindingIsGoneAndNoFigureIsWorseBeyondTheTolerance() {
        at(0, new S3Event.RequestStarted("c1", "q1", "GetObject", "k1", 0, 0));
        at(1000, new S3Event.RequestCompleted("c1", "q1", S3Event.RequestOutcome.OK, 10L << 20, 1, null));
        List<Event> before = take();
        at(0, new S3Event.RequestStarted("c1", "q1", "GetObject", "k1", 0, 0));
        at(1100, new S3Event.RequestCompleted("c1", "q1", S3Event.RequestOutcome.OK, 10L << 20, 1, null));
        List<Event> after = take(); // 10 MiB/s down to 9.09 MiB/s: 9% slower
        ComparedRun a = run("a", Map.of("s3.lifecycle", "per-thread", "s3.threads", "8"), before,
                finding(FindingCode.CLIENT_LEAKED, "client-1", 5));
        ComparedRun b = run("b", Map.of("s3.lifecycle", "shared", "s3.threads", "8"), after);

        Comparison within = Comparison.of(a, b, Comparison.DEFAULT_TOLERANCE_PERCENT);
        assertTrue(within.holds());
        assertEquals(1, within.findings().gone().size());
        assertEquals(Map.of("s3.lifecycle", List.of("per-thread", "shared")), within.settingsChanged());
        FigureRow mibs = within.figures().get(0);
        assertEquals(Figure.S3_MIB_PER_S, mibs.figure());
        assertEquals(1 / 1.1, mibs.ratio(), 1e-9);

        Comparison strict = Comparison.of(a, b, 5);
        assertFalse(strict.holds());
        assertEquals(List.of(mibs), strict.regressions());

        Comparison reversed = Comparison.of(b, a, 0); // the finding is new: never holds
        assertFalse(reversed.holds());
        assertEquals(1, reversed.findings().added().size());
    }

    @Test
    void lossesRegressOnAnyRiseAndAFigureOnlyOneRunHasIsNoRegression() {
        assertTrue(Figure.DELTA_ROWS_LOST.regressed(0, 1, 1000));
        assertFalse(Figure.DELTA_ROWS_LOST.regressed(5, 0, 0));
        assertTrue(Figure.FLIGHT_STALL_SECONDS.regressed(0, 0.5, 50));
        assertFalse(Figure.FLIGHT_PEAK_BUFFERED_BYTES.regressed(1, 1e9, 0));
        FigureRow onlyA = new FigureRow(Figure.DELTA_ROWS_LOST, 3.0, null);
        assertFalse(onlyA.regressed(0));
        assertNull(onlyA.ratio());
        assertThrows(IllegalArgumentException.class, () -> Comparison.of(run("a", Map.of(), List.of()),
                run("b", Map.of(), List.of()), -1));
    }
}
