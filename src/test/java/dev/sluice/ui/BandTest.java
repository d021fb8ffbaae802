package dev.sluice.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.ResourceRef;
import dev.sluice.event.Engine;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one band type, its clipping at the cursor, the time axis, and which findings apply to a view. */
class BandTest {

    private static final ResourceRef CONN = ResourceRef.of("connection", "c1");
    private static final ResourceRef STREAM = ResourceRef.of("stream", "s0-p1");

    private static Finding stall(String id, long start, List<ResourceRef> resources) {
        return Finding.of(id, FindingCode.FLOW_CONTROL_STALL, start, resources, "receive window at 0", "why", "fix");
    }

    @Test
    void aBandRunsFromTheFindingsStartToItsEndClippedAtTheCursor() {
        Finding ended = stall("f1", 100, List.of(CONN)).endedAt(500);
        Finding open = stall("f2", 200, List.of(CONN));
        Finding later = stall("f3", 400, List.of(CONN));
        List<Band> bands = Band.of(List.of(ended, open, later), 300, List.of(), f -> IntStream.of(2));

        assertEquals(2, bands.size(), "a finding that starts after the cursor is not drawn");
        assertEquals(new Band(2, 100, 300, ended.severity(), "FLOW_CONTROL_STALL: receive window at 0", "f1", false),
                bands.get(0), "an end after the cursor is clipped to it");
        assertEquals(300, bands.get(1).endNanos(), "an open finding runs to the cursor");
        List<Band> atEnd = Band.of(List.of(ended), 900, List.of(), f -> IntStream.of(0));
        assertEquals(500, atEnd.get(0).endNanos(), "past its end a finding keeps its own end");
    }

    @Test
    void aFindingIsDrawnOnEveryRowItIsGivenAndMarkedWhenSelected() {
        Finding f = stall("f1", 10, List.of(CONN, STREAM));
        List<Band> bands = Band.of(List.of(f), 20, List.of(CONN, STREAM), x -> IntStream.of(0, 3));
        assertEquals(List.of(0, 3), bands.stream().map(Band::row).toList());
        assertTrue(bands.stream().allMatch(Band::selected));
        assertTrue(Band.of(List.of(f), 20, List.of(CONN), x -> IntStream.empty()).isEmpty(), "no row: not in this view");
        assertFalse(Band.of(List.of(f), 20, List.of(CONN), x -> IntStream.of(0)).get(0).selected(),
                "selected means exactly what the finding is about");
    }

    @Test
    void anInstantStaysVisibleAndHoverableAtItsMinimumWidth() {
        TimeAxis axis = new TimeAxis(0, 1000, 100, 1100);
        Band mark = Band.mark(1, 500, FindingCode.FLOW_CONTROL_STALL.severity(), "blocked");
        assertEquals(600, mark.left(axis), 1e-9);
        assertEquals(604, mark.right(axis, 4), 1e-9);
        assertTrue(mark.covers(axis, 603, 4));
        assertFalse(mark.covers(axis, 605, 4));
        assertEquals(null, mark.findingId());
    }

    @Test
    void theAxisMapsBothWaysPadsItsSpanAndTicksAtRoundTimes() {
        TimeAxis padded = TimeAxis.padded(10_000_000, 50_000_000, 40, 1_000_000);
        assertEquals(9_000_000, padded.fromNanos());
        assertEquals(51_000_000, padded.toNanos());
        assertEquals(0, TimeAxis.padded(0, 10, 40, 1_000_000).fromNanos(), "never before the run's start");
        TimeAxis axis = new TimeAxis(padded.fromNanos(), padded.toNanos(), 0, 420);
        assertEquals(30_000_000, axis.nanos(axis.x(30_000_000)));
        // 42 ms over about eight ticks: a round 10 ms step, the first tick at or after the start
        assertArrayEquals(new long[] {10_000_000, 20_000_000, 30_000_000, 40_000_000, 50_000_000}, axis.ticks());
        assertEquals("2 s", TimeAxis.label(2_000_000_000L));
        assertEquals("0.015 s", TimeAxis.label(15_000_000));
        // ticks half a millisecond apart read apart: 0.1300 s and 0.1305 s, not 0.130 s twice
        assertEquals("0.1305 s", TimeAxis.label(130_500_000, 500_000));
        assertEquals("0.130020 s", TimeAxis.label(130_020_000, 5_000));
        assertEquals("0 s", TimeAxis.label(0, 1_000), "an empty axis");
        assertTrue(axis.contains(9_000_000) && !axis.contains(52_000_000));
    }

    @Test
    void aFindingAppliesToTheViewOfWhatItNamesOrToAllWhenItNamesNothingShown() {
        List<ResourceRef> shown = List.of(CONN, STREAM);
        assertTrue(FindingSelection.appliesTo(stall("a", 0, List.of(CONN)), Engine.FLIGHT, shown));
        assertTrue(FindingSelection.appliesTo(stall("b", 0, List.of(ResourceRef.of("budget", "drain"), STREAM)),
                Engine.FLIGHT, shown));
        assertFalse(FindingSelection.appliesTo(stall("c", 0, List.of(ResourceRef.of("connection", "c2"),
                ResourceRef.of("stream", "s9"))), Engine.FLIGHT, shown), "another connection's stall");
        assertTrue(FindingSelection.appliesTo(stall("d", 0, List.of()), Engine.FLIGHT, shown), "about the whole engine");
        assertFalse(FindingSelection.appliesTo(stall("e", 0, List.of(CONN)), Engine.S3, shown), "another engine's view");
        Finding a = stall("a", 0, List.of(CONN));
        assertEquals(List.of(a), FindingSelection.about(List.of(a, stall("x", 0, List.of(STREAM))), CONN));
    }
}
