package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessCpuClockTest {

    @Test
    void theClockMovesInStepsItCanName() {
        long step = ProcessCpuClock.resolutionNanos();
        assertTrue(step > 0 && step <= 1_000_000_000L, "a step between 1 ns and the probe's 1 s bound: " + step);
    }

    @Test
    void aRatioOfTwoShortPassesIsAsUncertainAsTwoStepsOfTheShortest() {
        assertEquals(0.02, ProcessCpuClock.ratioUncertainty(10_000_000, 1_000_000_000), 1e-12);
        assertEquals(2.0 * 10 / 150, ProcessCpuClock.ratioUncertainty(10_000_000, 150_000_000), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, ProcessCpuClock.ratioUncertainty(10_000_000, 0));
    }
}
