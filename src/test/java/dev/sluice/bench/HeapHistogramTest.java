package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The class histogram is read as jcmd prints it, and two of them say which classes grew. */
class HeapHistogramTest {

    private static final String BEFORE = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1000          48000  java.lang.String (java.base@17.0.2)
               2:            10           1600  [B (java.base@17.0.2)
            Total          1010          49600
            """;

    private static final String AFTER = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          3000         144000  java.lang.String (java.base@17.0.2)
               2:           500          48000  dev.sluice.ui.commits.CommitsViewModel$Attempt
               3:             5            800  [B (java.base@17.0.2)
            Total          3505         192800
            """;

    @Test
    void readsRowsAndSkipsTheHeaderAndTotal() {
        assertEquals(49_600, HeapHistogram.parse(BEFORE).totalBytes());
        assertEquals(192_800, HeapHistogram.parse(AFTER).totalBytes());
    }

    @Test
    void listsTheClassesThatGrewMostFirstAndNoneThatShrank() {
        List<HeapHistogram.Row> grown = HeapHistogram.parse(AFTER).grownSince(HeapHistogram.parse(BEFORE), 5);
        assertEquals(List.of(new HeapHistogram.Row("java.lang.String", 2000, 96_000),
                new HeapHistogram.Row("dev.sluice.ui.commits.CommitsViewModel$Attempt", 500, 48_000)), grown);
    }
}
