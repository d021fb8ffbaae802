package dev.sluice.ui.commits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.event.DeltaEvent.VerifyOutcome;
import dev.sluice.model.delta.VerifyResult;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** The Commits view's version line labels and its verify sentence, without a toolkit. */
class VersionLineTest {

    @Test
    void overlappingLabelsAreThinnedButTheFirstLastAndHighlightedStay() {
        // ten labels 15 px wide every 10 px: at most every other one fits
        double[] left = new double[10];
        double[] width = new double[10];
        for (int i = 0; i < 10; i++) {
            left[i] = i * 10;
            width[i] = 15;
        }
        BitSet must = new BitSet();
        must.set(0);
        must.set(9);
        must.set(5);
        BitSet kept = LabelThinning.keep(left, width, 2, must);
        assertEquals("{0, 2, 5, 7, 9}", kept.toString(), "4 would touch 5, 8 would touch 9");
        for (int i = kept.nextSetBit(0), j = kept.nextSetBit(i + 1); j >= 0; i = j, j = kept.nextSetBit(j + 1)) {
            if (!must.get(i) || !must.get(j)) {
                assertEquals(true, left[i] + width[i] + 2 <= left[j], "labels " + i + " and " + j + " overlap");
            }
        }
        BitSet roomy = LabelThinning.keep(new double[] {0, 50, 100}, new double[] {20, 20, 20}, 2, new BitSet());
        assertEquals("{0, 1, 2}", roomy.toString(), "labels that fit are all drawn");
    }

    @Test
    void theVerifyLineIsOneSentenceWhoseNumbersAgree() {
        assertEquals("Verify passed at v24: all 12,500 rows acknowledged are in the table; the 3,500 rows missing "
                        + "belong to writes that failed and said so.",
                VerifySentence.of(new VerifyResult(0, "t", 24, 12_500, 12_500, 3_500, 0, 0, VerifyOutcome.EXPLAINED)));
        assertEquals("Verify passed at v9: all 800 rows written are in the table, none missing or duplicated.",
                VerifySentence.of(new VerifyResult(0, "t", 9, 800, 800, 0, 0, 0, VerifyOutcome.PASSED)));
        assertEquals("Verify failed at v30: 1,000 rows are missing with no failure reported for them (acknowledged, "
                        + "then lost, or failed silently); 500 rows of writes that failed and said so are missing too; 1 row is in the table "
                        + "twice (the table holds 11,001 rows, 12,000 were acknowledged).",
                VerifySentence.of(new VerifyResult(0, "t", 30, 12_000, 11_001, 1_500, 1, 1_000, VerifyOutcome.FAILED)));
    }
}
