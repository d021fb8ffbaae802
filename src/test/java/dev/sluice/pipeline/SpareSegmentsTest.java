package dev.sluice.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded pool of segments a pipeline's rings borrow when a producer finds its own full. */
class SpareSegmentsTest {

    @Test
    void lendsAtMostItsLimitAndReusesWhatIsGivenBackBeforeCreatingMore() {
        SpareSegments spares = new SpareSegments(8, 3);
        List<RingSegment> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(assertNotNull(spares.borrow()));
        }
        assertNull(spares.borrow(), "a fourth segment is over the limit");
        assertEquals(3, spares.borrowed());
        spares.giveBack(out.get(1));
        assertEquals(1, spares.pooled());
        assertSame(out.get(1), spares.borrow(), "a segment given back is lent again");
        assertNull(spares.borrow(), "still at most three out");
        assertEquals(3, spares.mostBorrowed());
        assertEquals(4, spares.borrows());
    }

    @Test
    void aSegmentLentAgainIsOpenEnded() {
        SpareSegments spares = new SpareSegments(8, 1);
        RingSegment s = spares.borrow();
        s.endAt(40, new RingSegment(8));
        spares.giveBack(s);
        RingSegment again = spares.borrow();
        assertSame(s, again);
        assertEquals(Long.MAX_VALUE, again.end());
        assertNull(again.next());
    }

    @Test
    void pooledSegmentsAreLetGoAfterQuietTicksAndMayBeCreatedAgain() {
        SpareSegments spares = new SpareSegments(8, 2);
        RingSegment a = spares.borrow();
        RingSegment b = spares.borrow();
        spares.giveBack(a);
        spares.giveBack(b);
        spares.tick(); // sees the borrows: not quiet yet
        for (int i = 0; i < SpareSegments.IDLE_TICKS_BEFORE_TRIM - 1; i++) {
            spares.tick();
        }
        assertEquals(2, spares.pooled(), "kept until the quiet ticks are up");
        spares.tick();
        assertEquals(0, spares.pooled(), "let go after a quiet second");
        assertNotNull(spares.borrow());
        assertNotNull(spares.borrow());
        assertNull(spares.borrow(), "the limit holds for segments created again");
    }

    @Test
    void whileASegmentIsOutTheDispatcherKeepsOneReadyWithinTheLimit() {
        SpareSegments spares = new SpareSegments(8, 2);
        spares.keepOneReady();
        assertEquals(0, spares.pooled(), "nothing is made ready before a burst");
        RingSegment first = spares.borrow();
        spares.keepOneReady();
        spares.keepOneReady();
        assertEquals(1, spares.pooled(), "one ready, not more");
        RingSegment ready = spares.borrow();
        assertEquals(0, spares.pooled());
        org.junit.jupiter.api.Assertions.assertNotSame(first, ready);
        spares.keepOneReady();
        assertEquals(0, spares.pooled(), "the limit counts the segment made ready");
        assertNull(spares.borrow());
    }

    @Test
    void aLimitOfNoneNeverLends() {
        assertNull(new SpareSegments(8, 0).borrow());
    }

    private static RingSegment assertNotNull(RingSegment s) {
        org.junit.jupiter.api.Assertions.assertNotNull(s);
        return s;
    }
}
