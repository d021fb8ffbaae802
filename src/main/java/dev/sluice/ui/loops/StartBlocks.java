package dev.sluice.ui.loops;

import dev.sluice.model.s3.RequestSpan;
import dev.sluice.model.s3.S3Part;
import java.util.Arrays;
import java.util.List;

/**
 * The smallest start of every block of {@value #BLOCK} completed requests (kept in completion order, so their starts
 * are not sorted): the newest request started by a cursor is found by reading a block's minimum per block after it,
 * not the start of every request after it (scrubbing early in a run of millions of requests read all of them each
 * pulse). Only whole blocks are indexed, and the completed requests only grow, so a live run's next snapshot extends
 * the index of its last one. UI thread only.
 */
final class StartBlocks {

    static final int BLOCK = 1024;

    private final Object run;
    private final long[] mins;
    private final int blocks;

    private StartBlocks(Object run, long[] mins, int blocks) {
        this.run = run;
        this.mins = mins;
        this.blocks = blocks;
    }

    /** The index of {@code spans} (the completed requests of {@code run}), extending {@code cached} when it is the same run's. */
    @SuppressWarnings("ReferenceEquality") // one run's snapshots share its RunInfo object
    static StartBlocks of(StartBlocks cached, Object run, List<RequestSpan> spans) {
        int whole = spans.size() / BLOCK;
        boolean extend = cached != null && cached.run == run && cached.blocks <= whole;
        if (extend && cached.blocks == whole) {
            return cached;
        }
        int from = extend ? cached.blocks : 0;
        long[] mins = extend && cached.mins.length >= whole ? cached.mins
                : extend ? Arrays.copyOf(cached.mins, Math.max(whole, 2 * cached.mins.length)) : new long[whole];
        for (int b = from; b < whole; b++) {
            long min = Long.MAX_VALUE;
            for (int i = b * BLOCK; i < (b + 1) * BLOCK; i++) {
                min = Math.min(min, S3Part.startNanos(spans, i));
            }
            mins[b] = min; // past the blocks an older index read: it never sees them
        }
        return new StartBlocks(run, mins, whole);
    }

    /** Whole blocks {@link #of} would add to this index (all when it is another run's or none) to index {@code spans}. */
    @SuppressWarnings("ReferenceEquality") // one run's snapshots share its RunInfo object
    static int missing(StartBlocks cached, Object run, List<RequestSpan> spans) {
        int whole = spans.size() / BLOCK;
        return cached != null && cached.run == run && cached.blocks <= whole ? whole - cached.blocks : whole;
    }

    /** Whether this indexes (a prefix of) the completed requests of {@code run}: {@link #endBy} reads the rest. */
    @SuppressWarnings("ReferenceEquality") // one run's snapshots share its RunInfo object
    boolean of(Object run) {
        return this.run == run;
    }

    /** One past the position of the last request of {@code spans} that started at or before {@code cursor}; 0 if none. */
    int endBy(List<RequestSpan> spans, long cursor) {
        for (int i = spans.size() - 1; i >= blocks * BLOCK; i--) {
            if (S3Part.startNanos(spans, i) <= cursor) {
                return i + 1;
            }
        }
        for (int b = blocks - 1; b >= 0; b--) {
            if (mins[b] <= cursor) {
                for (int i = (b + 1) * BLOCK - 1; i >= b * BLOCK; i--) {
                    if (S3Part.startNanos(spans, i) <= cursor) {
                        return i + 1;
                    }
                }
            }
        }
        return 0;
    }
}
