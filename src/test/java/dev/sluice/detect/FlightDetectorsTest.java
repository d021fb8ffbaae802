package dev.sluice.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.FlightEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Flight detectors on hand-made event streams: the rules, and the loads that must not trip them. */
class FlightDetectorsTest {

    private static final long MS = 1_000_000L;
    private final List<Event> events = new ArrayList<>();

    private void at(long ms, EventBody body) {
        events.add(new Event("run", ms * MS, "t", 1, body));
    }

    private void heartbeats(long fromMs, long toMs) {
        for (long t = fromMs; t <= toMs; t += 100) {
            at(t, new AppEvent.Heartbeat(t));
        }
    }

    private List<FindingCode> codes() {
        return DetectorSuite.evaluate(events).stream().map(Finding::code).toList();
    }

    /** Two streams on one connection; the consumer waits on s0 while s1 holds the window. */
    private void stalledH2Connection(boolean samplesAfterIdle) {
        at(0, new FlightEvent.ConnectionOpened("c0", "grpc+tcp://127.0.0.1:1", FlightEvent.ReceiverPolicy.H2, 65_536, -1));
        at(1, new FlightEvent.StreamOpened("c0", "s0", "part-0"));
        at(1, new FlightEvent.StreamOpened("c0", "s1", "part-1"));
        at(2, new FlightEvent.StreamActive("c0", "s0", 5));
        at(2, new FlightEvent.StreamActive("c0", "s1", 7));
        at(3, new FlightEvent.ConsumerWaiting("consumer", "s0"));
        at(10, new FlightEvent.BatchReceived("c0", "s0", 100, 60_000));
        at(11, new FlightEvent.BatchConsumed("c0", "s0", 100, 60_000));
        long until = samplesAfterIdle ? 2_500 : 600;
        for (long t = 20; t <= until; t += 250) {
            at(t, new FlightEvent.ConnectionWindowSampled("c0", 0, 65_536, 44_000, 1 << 20, 2, 0));
            at(t, new FlightEvent.StreamWindowSampled("c0", "s1", 21_000, 44_000, 1 << 20, 44_000));
            at(t, new FlightEvent.StreamWindowSampled("c0", "s0", 65_536, 0, 1 << 20, 60_000));
        }
        heartbeats(100, 3_000);
        events.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
    }

    @Test
    void connectionWindowHeldByAnUnreadStreamIsAStall() {
        stalledH2Connection(true);
        List<Finding> f = DetectorSuite.evaluate(events);
        assertEquals(List.of(FindingCode.FLOW_CONTROL_STALL), f.stream().map(Finding::code).toList());
        assertTrue(f.get(0).explanation().contains("s1 (44000 bytes unread"), f.get(0).explanation());
        assertTrue(f.get(0).fix().contains("drain"));
    }

    @Test
    void noConfirmingWindowSampleAfterTheIdleTimeMeansNoFinding() {
        // a starved event loop (busy machine) stops sampling: nothing is proven
        stalledH2Connection(false);
        assertEquals(List.of(), codes());
    }

    @Test
    void progressOnAnyStreamKeepsItQuiet() {
        stalledH2Connection(true);
        for (long t = 50; t < 3_000; t += 400) {
            at(t, new FlightEvent.BatchConsumed("c0", "s1", 10, 1000));
        }
        events.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
        assertEquals(List.of(), codes());
    }

    @Test
    void stockReceiverFormAwaitedStreamIdleWhileOthersSitAtWindowZero() {
        at(0, new FlightEvent.ConnectionOpened("c0", "grpc+tcp://127.0.0.1:1", FlightEvent.ReceiverPolicy.GRPC_JAVA, 65_536, -1));
        at(1, new FlightEvent.StreamOpened("c0", "s0", "part-0"));
        at(1, new FlightEvent.StreamOpened("c0", "s1", "part-1"));
        at(2, new FlightEvent.StreamActive("c0", "s0", 5));
        at(2, new FlightEvent.StreamActive("c0", "s1", 7));
        at(3, new FlightEvent.ConsumerWaiting("consumer", "s0"));
        for (long t = 20; t <= 2_500; t += 250) {
            at(t, new FlightEvent.ConnectionWindowSampled("c0", 65_536, 65_536, 0, 1 << 20, 2, 0));
            at(t, new FlightEvent.StreamWindowSampled("c0", "s1", 0, 65_536, 1 << 20, 65_536));
            at(t, new FlightEvent.StreamWindowSampled("c0", "s0", 65_536, 0, 1 << 20, 0));
        }
        heartbeats(100, 3_000);
        events.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
        assertEquals(List.of(FindingCode.FLOW_CONTROL_STALL), codes());
    }

    @Test
    void waitingOnAPendingStreamIsSlotStarvationNotAStall() {
        at(0, new FlightEvent.ConnectionOpened("c0", "grpc+tcp://127.0.0.1:1", FlightEvent.ReceiverPolicy.GRPC_JAVA, 65_536, -1));
        at(0, new FlightEvent.ConnectionSettings("c0", 65_536, 65_536, 2));
        for (int i = 0; i < 3; i++) {
            at(1, new FlightEvent.StreamOpened("c0", "s" + i, "part-" + i));
        }
        at(2, new FlightEvent.StreamActive("c0", "s0", 5));
        at(2, new FlightEvent.StreamActive("c0", "s1", 7));
        at(3, new FlightEvent.ConsumerWaiting("consumer", "s2"));
        for (long t = 20; t <= 2_500; t += 250) {
            at(t, new FlightEvent.ConnectionWindowSampled("c0", 65_536, 65_536, 0, 1 << 20, 2, 1));
            at(t, new FlightEvent.StreamWindowSampled("c0", "s0", 0, 65_536, 1 << 20, 65_536));
            at(t, new FlightEvent.StreamWindowSampled("c0", "s1", 0, 65_536, 1 << 20, 65_536));
        }
        heartbeats(100, 3_000);
        events.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
        List<Finding> f = DetectorSuite.evaluate(events);
        assertEquals(List.of(FindingCode.STREAM_SLOT_STARVATION), f.stream().map(Finding::code).toList());
        assertTrue(f.get(0).explanation().contains("allows 2 concurrent streams"), f.get(0).explanation());
    }

    @Test
    void briefBudgetBackPressureIsNotAFinding() {
        at(0, new FlightEvent.StreamOpened("c0", "s0", "part-0"));
        at(1, new FlightEvent.BufferReserved("s0", 1000, 1000, 1000));
        at(2, new FlightEvent.BudgetBlocked("s0", 1000, 1000, 1000));
        at(100, new FlightEvent.BufferReserved("s0", -1000, 0, 1000));
        at(101, new FlightEvent.BudgetUnblocked("s0", 99 * MS));
        heartbeats(100, 2_000);
        events.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
        assertEquals(List.of(), codes());
    }

    @Test
    void budgetBlockedAgainAfterAnUnblockIsStillFound() {
        // the detector skips its scan while no stream is blocked: a second block must re-arm it
        at(0, new FlightEvent.StreamOpened("c0", "s0", "part-0"));
        at(0, new FlightEvent.StreamOpened("c0", "s1", "part-1"));
        at(1, new FlightEvent.BudgetBlocked("s0", 1000, 1000, 1000));
        at(100, new FlightEvent.BudgetUnblocked("s0", 99 * MS));
        at(200, new FlightEvent.BudgetBlocked("s1", 1000, 1000, 1000));
        heartbeats(100, 2_000);
        events.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
        List<Finding> f = DetectorSuite.evaluate(events);
        assertEquals(List.of(FindingCode.BUFFER_BUDGET_EXCEEDED), f.stream().map(Finding::code).toList());
        assertTrue(f.get(0).title().contains("blocked: s1"), f.get(0).title());
    }
}
