package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The paced run's note: drops and spare-segment borrows by 1 ms bucket. */
class DropTimelineTest {

    @Test
    void aRunWithoutDropsOrBorrowsSaysSo() {
        DropTimeline timeline = new DropTimeline(() -> 0, () -> 0, System.nanoTime());
        timeline.sample();
        String line = timeline.describe();
        assertTrue(line.contains("no drops; spare segments borrowed by time: none"), line);
    }

    @Test
    void growthSeenInOneSampleIsOneBurstOfThatCountAndIsNotCountedAgain() {
        AtomicLong dropped = new AtomicLong();
        AtomicLong borrowed = new AtomicLong();
        DropTimeline timeline = new DropTimeline(dropped::get, borrowed::get, System.nanoTime());
        dropped.set(24);
        borrowed.set(3);
        timeline.sample();
        timeline.sample(); // nothing new: the same counts are not added twice
        String line = timeline.describe();
        assertTrue(line.matches(".*drops by time: .* ms: 24; 1 bursts; spare segments borrowed by time: \\d+-\\d+ ms: 3; 1 bursts"), line);
    }
}
