package dev.sluice.pipeline;

import dev.sluice.event.Event;
import java.util.Arrays;
import java.util.List;

/**
 * The dispatcher's live batch (see {@code Pipeline.drain}): up to about {@code max} events taken
 * from the rings round-robin, completed with every queued event stamped at or before the newest of
 * them, in time order. Each ring's stamps are read from the ring's stamp array, and since a thread
 * stamps its events in order, each ring's share is already sorted: the batch is a merge of the
 * rings' shares rather than a sort of their concatenation, copied into the batch in runs. A share
 * found out of order (events injected with their own times) falls back to a stable sort. Events
 * with equal stamps on different threads carry no order; they come in ring order.
 *
 * <p>Each ring's head and tail are read once per pass (the tail again per completion round); the
 * events themselves are read from the ring's arrays with no per-event volatile access. A ring's share
 * of a pass lies in one of its segments (the one holding its head); see {@link #cutAt} for a share
 * that reaches the end of one.
 */
final class LiveDrain {

    /** Up to this many rings with events, merged by a linear scan of their heads; more are sorted. */
    private static final int MERGE_WAYS = 8;

    /** Per ring (by position in the ring list): its head at the start of the pass, and how many events the batch takes. */
    private long[] heads = new long[16];
    private int[] counts = new int[16];
    /** Per ring: the segment holding its head for this pass (its share of the batch lies in it). */
    private RingSegment[] segments = new RingSegment[16];
    private final int[] position = new int[MERGE_WAYS];
    private final int[] way = new int[MERGE_WAYS];
    private final long[] next = new long[MERGE_WAYS];

    /** Fills {@code batch} (empty); returns whether every ring was empty. */
    boolean drain(List<ProducerRing<Event>> rings, EventBatch batch, int max, int perRing) {
        Object[] snapshot = rings.toArray();
        ensure(snapshot.length);
        int total = 0;
        long horizon = Long.MIN_VALUE;
        boolean sorted = true;
        for (int r = 0; r < snapshot.length; r++) {
            ProducerRing<?> ring = (ProducerRing<?>) snapshot[r];
            RingSegment segment = ring.consumerSegment();
            segments[r] = segment;
            long h = ring.head();
            heads[r] = h;
            long published = ring.publishedTail();
            int n = (int) Math.min(Math.max(0, max - total), Math.min(perRing, Math.min(published, segment.end()) - h));
            counts[r] = n;
            total += n;
            long[] stamps = segment.stamps;
            int mask = ring.mask;
            long last = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                long s = stamps[(int) (h + i) & mask];
                sorted &= s >= last;
                last = s;
                horizon = Math.max(horizon, s);
            }
        }
        if (total == 0) {
            return true;
        }
        // rings are only appended to while the dispatcher drains, so positions stay put between passes
        int known = snapshot.length;
        boolean added = true;
        // a share that reached its segment's end with an event stamped within the horizon after it: the earliest such
        // stamp, and its ring (the completion cannot take that event in this pass; see cutAt)
        long cut = Long.MAX_VALUE;
        int cutRing = -1;
        while (added) {
            added = false;
            snapshot = rings.toArray();
            ensure(snapshot.length);
            for (int r = 0; r < snapshot.length; r++) {
                ProducerRing<?> ring = (ProducerRing<?>) snapshot[r];
                if (r >= known) {
                    segments[r] = ring.consumerSegment();
                    heads[r] = ring.head();
                    counts[r] = 0;
                }
                RingSegment segment = segments[r];
                long h = heads[r];
                int c = counts[r];
                long published = ring.publishedTail();
                long end = segment.end();
                long available = Math.min(published, end) - h;
                long[] stamps = segment.stamps;
                int mask = ring.mask;
                long last = c == 0 ? Long.MIN_VALUE : stamps[(int) (h + c - 1) & mask];
                while (c < available && stamps[(int) (h + c) & mask] <= horizon) {
                    long s = stamps[(int) (h + c++) & mask];
                    sorted &= s >= last;
                    last = s;
                }
                if (c > counts[r]) {
                    added = true;
                    counts[r] = c;
                }
                if (c == available && end < published) {
                    long after = segment.next().stamps[(int) end & mask];
                    if (after <= horizon && after < cut) {
                        cut = after;
                        cutRing = r;
                    }
                }
            }
            known = snapshot.length;
        }
        if (cutRing >= 0) {
            cutAt(snapshot, cut, cutRing);
        }
        int ways = 0;
        for (int r = 0; r < snapshot.length; r++) {
            ways += counts[r] > 0 ? 1 : 0;
        }
        if (sorted && ways <= MERGE_WAYS) {
            merge(snapshot, batch);
        } else {
            for (int r = 0; r < snapshot.length; r++) {
                ProducerRing<?> ring = (ProducerRing<?>) snapshot[r];
                batch.addSlots(segments[r].slots, heads[r], counts[r], ring.mask);
            }
            batch.sortByTime();
        }
        for (int r = 0; r < snapshot.length; r++) {
            ((ProducerRing<?>) snapshot[r]).advance(heads[r], counts[r]);
        }
        return false;
    }

    /**
     * A pass takes each ring's events from one segment. When a share stops at its segment's end and the event after it
     * is stamped {@code cut}, within the horizon, that event cannot be in this batch, so neither may anything it caused:
     * the other rings' shares are cut to the events stamped before it. Ring {@code cutRing}'s share stays whole (all
     * stamped at or before {@code cut}; an equal stamp carries no order), so the pass still takes something and the
     * next one starts in its next segment.
     */
    private void cutAt(Object[] snapshot, long cut, int cutRing) {
        for (int r = 0; r < snapshot.length; r++) {
            if (r != cutRing) {
                long[] stamps = segments[r].stamps;
                int mask = ((ProducerRing<?>) snapshot[r]).mask;
                long h = heads[r];
                int c = 0;
                while (c < counts[r] && stamps[(int) (h + c) & mask] < cut) {
                    c++;
                }
                counts[r] = c;
            }
        }
    }

    /**
     * Merges the rings' sorted shares into {@code batch}: each step takes, from the earliest head
     * (ties: first ring), the run of events up to the next-earliest head of the others, in one copy.
     */
    private void merge(Object[] snapshot, EventBatch batch) {
        int ways = 0;
        for (int r = 0; r < snapshot.length; r++) {
            if (counts[r] > 0) {
                way[ways] = r;
                position[ways] = 0;
                ProducerRing<?> ring = (ProducerRing<?>) snapshot[r];
                next[ways] = segments[r].stamps[(int) heads[r] & ring.mask];
                ways++;
            }
        }
        while (ways > 0) {
            int best = 0;
            for (int w = 1; w < ways; w++) {
                if (next[w] < next[best]) {
                    best = w;
                }
            }
            long bound = Long.MAX_VALUE;
            int boundWay = ways;
            for (int w = 0; w < ways; w++) {
                if (w != best && next[w] < bound) {
                    bound = next[w];
                    boundWay = w;
                }
            }
            int r = way[best];
            ProducerRing<?> ring = (ProducerRing<?>) snapshot[r];
            long[] stamps = segments[r].stamps;
            int mask = ring.mask;
            long h = heads[r];
            int count = counts[r];
            int start = position[best];
            int p = start + 1;
            // equal to the bound: still this way's turn if it comes first in ring order
            while (p < count && (stamps[(int) (h + p) & mask] < bound
                    || (stamps[(int) (h + p) & mask] == bound && best < boundWay))) {
                p++;
            }
            batch.addSlots(segments[r].slots, h + start, p - start, mask);
            if (p < count) {
                position[best] = p;
                next[best] = stamps[(int) (h + p) & mask];
            } else { // this share is used up: drop it, the others keep their ring order
                ways--;
                System.arraycopy(way, best + 1, way, best, ways - best);
                System.arraycopy(position, best + 1, position, best, ways - best);
                System.arraycopy(next, best + 1, next, best, ways - best);
            }
        }
    }

    private void ensure(int rings) {
        if (counts.length < rings) {
            counts = Arrays.copyOf(counts, Math.max(rings, counts.length * 2));
            heads = Arrays.copyOf(heads, counts.length);
            segments = Arrays.copyOf(segments, counts.length);
        }
    }
}
