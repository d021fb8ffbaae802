package dev.sluice.ui.commits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StableIndexSortTest {

    @Test
    void ordersPositionsAsAStableSortOfTheirKeysDoes() {
        Random random = new Random(42);
        for (int n : new int[] {0, 1, 2, 3, 17, 1000, 4097}) {
            for (int range : new int[] {3, 1_000_000}) { // many ties, and few
                long[] keys = random.longs(n, 0, range).toArray();
                List<Integer> expected = new ArrayList<>(IntStream.range(0, n).boxed().toList());
                expected.sort(Comparator.comparingLong(i -> keys[i])); // List.sort is stable
                assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), StableIndexSort.byKey(keys),
                        n + " keys in [0, " + range + ")");
            }
        }
    }

    @Test
    void keysAlreadyInOrderKeepTheirPositions() {
        long[] keys = {1, 1, 2, 5, 5, 9};
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, StableIndexSort.byKey(keys));
    }
}
