package dev.sluice.ui.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sluice.event.S3Event.RequestOutcome;
import dev.sluice.model.s3.RequestSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The block index finds the last request started by a cursor exactly where reading every start finds it. */
class StartBlocksTest {

    private final Object run = new Object();

    @Test
    void theLastRequestStartedByEveryCursorIsWhereAWalkOfAllStartsFindsIt() {
        List<RequestSpan> spans = completionOrdered(5 * StartBlocks.BLOCK + 300, new Random(7));
        StartBlocks index = StartBlocks.of(null, run, spans);
        for (long cursor = -10; cursor <= 6_000_000; cursor += 997) {
            assertEquals(walk(spans, cursor), index.endBy(spans, cursor), "at " + cursor);
        }
    }

    @Test
    void aGrowingRunExtendsItsIndexAndAnotherRunGetsItsOwn() {
        List<RequestSpan> all = completionOrdered(4 * StartBlocks.BLOCK + 10, new Random(11));
        List<RequestSpan> early = all.subList(0, 2 * StartBlocks.BLOCK + 5);
        StartBlocks first = StartBlocks.of(null, run, early);
        assertSame(first, StartBlocks.of(first, run, all.subList(0, 2 * StartBlocks.BLOCK + 9)), "no new whole block");
        assertEquals(2, StartBlocks.missing(first, run, all), "the grown run's new whole blocks");
        assertEquals(2, StartBlocks.missing(first, new Object(), early), "another run's blocks, all of them");
        StartBlocks grown = StartBlocks.of(first, run, all);
        StartBlocks other = StartBlocks.of(grown, new Object(), early);
        for (long cursor = 0; cursor <= 5_000_000; cursor += 1_009) {
            assertEquals(walk(all, cursor), grown.endBy(all, cursor), "grown, at " + cursor);
            assertEquals(walk(early, cursor), first.endBy(early, cursor), "the earlier snapshot, at " + cursor);
            assertEquals(walk(early, cursor), other.endBy(early, cursor), "another run, at " + cursor);
        }
    }

    /** Requests that start in order but complete after a random time, listed in completion order as the model keeps them. */
    private static List<RequestSpan> completionOrdered(int n, Random random) {
        List<RequestSpan> spans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long start = i * 1_000L;
            long end = start + (random.nextInt(50) == 0 ? 3_000_000 : random.nextInt(20_000));
            spans.add(new RequestSpan("c1", "req-" + i, "GetObject", "pool-1", start, "loop-1", start + 1, "done-1", end,
                    RequestOutcome.OK));
        }
        spans.sort((a, b) -> Long.compare(a.endNanos(), b.endNanos()));
        return spans;
    }

    private static int walk(List<RequestSpan> spans, long cursor) {
        for (int i = spans.size() - 1; i >= 0; i--) {
            if (spans.get(i).startNanos() <= cursor) {
                return i + 1;
            }
        }
        return 0;
    }
}
