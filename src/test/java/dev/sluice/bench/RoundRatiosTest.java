package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A round that could not measure its figure is shown as such and never sorts into the median as a value. */
class RoundRatiosTest {

    @Test
    void aRoundWithoutAFigureIsLeftOutOfTheMedianAndSaidToBe() {
        RoundRatios ratios = new RoundRatios("servers' CPU per GiB, agent / none");
        ratios.add(1.0);
        ratios.add(Double.NaN); // the server's samples did not cover this round's window
        ratios.add(3.0);
        ratios.add(0.5);
        assertEquals(1.0, ratios.median(), 1e-9);
        BenchReport report = new BenchReport("agent");
        ratios.report(report, "");
        String text = report.toText();
        assertTrue(text.contains("median of 3 rounds"), text);
        assertTrue(text.contains("1.000, n/a, 3.000, 0.500 (1 not measured)"), text);
    }
}
