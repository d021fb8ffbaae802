package dev.sluice.pipeline;

import dev.sluice.event.Event;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The dispatcher's live batch (see {@code Pipeline.drain}): up to about {@code max} events taken
 * from the rings round-robin, completed with every queued event stamped at or before the newest of
 * them, in time order. Each ring's stamps are read from the ring's stamp array, and since a thread
 * stamps its events in order, each ring's share is already sorted: the batch is a merge of the
 * rings' shares rather than a sort of their concatenation. A share found out of order (events
 * injected with their own times) falls back to a stable sort. Events with equal stamps on different
 * threads carry no order; they come in ring order.
 */
final class LiveDrain {

    private static final Comparator<Event> BY_TIME = Comparator.comparingLong(Event::timeNanos);
    /** Up to this many rings with events, merged by a linear scan of their heads; more are sorted. */
    private static final int MERGE_WAYS = 8;

    /** Per ring (by position in the ring list): how many of its events the batch takes. */
    private int[] counts = new int[16];
    private final int[] position = new int[MERGE_WAYS];
    private final int[] way = new int[MERGE_WAYS];
    private final long[] next = new long[MERGE_WAYS];

    /** Fills {@code batch} (empty); returns whether every ring was empty. */
    boolean drain(List<ProducerRing<Event>> rings, List<Event> batch, int max, int perRing) {
        Object[] snapshot = rings.toArray();
        ensure(snapshot.length);
        Arrays.fill(counts, 0);
        int total = 0;
        long horizon = Long.MIN_VALUE;
        boolean sorted = true;
        for (int r = 0; r < snapshot.length; r++) {
            ProducerRing<?> ring = (ProducerRing<?>) snapshot[r];
            int n = Math.min(Math.max(0, max - total), Math.min(perRing, ring.available()));
            counts[r] = n;
            total += n;
            long last = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                long s = ring.stamp(i);
                sorted &= s >= last;
                last = s;
            }
            horizon = Math.max(horizon, last);
        }
        if (total == 0) {
            return true;
        }
        // rings are only appended to while the dispatcher drains, so positions stay put between passes
        boolean added = true;
        while (added) {
            added = false;
            snapshot = rings.toArray();
            ensure(snapshot.length);
            for (int r = 0; r < snapshot.length; r++) {
                ProducerRing<?> ring = (ProducerRing<?>) snapshot[r];
                int c = counts[r];
                int available = ring.available();
                long last = c == 0 ? Long.MIN_VALUE : ring.stamp(c - 1);
                while (c < available && ring.stamp(c) <= horizon) {
                    long s = ring.stamp(c++);
                    sorted &= s >= last;
                    last = s;
                }
                if (c > counts[r]) {
                    added = true;
                    counts[r] = c;
                }
            }
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
                for (int i = 0; i < counts[r]; i++) {
                    batch.add((Event) ring.peek(i));
                }
            }
            batch.sort(BY_TIME); // stable: a thread's own events keep their order
        }
        for (int r = 0; r < snapshot.length; r++) {
            ((ProducerRing<?>) snapshot[r]).advance(counts[r]);
        }
        return false;
    }

    /** Merges the rings' sorted shares into {@code batch}: each step takes the earliest head (ties: first ring). */
    private void merge(Object[] snapshot, List<Event> batch) {
        int ways = 0;
        for (int r = 0; r < snapshot.length; r++) {
            if (counts[r] > 0) {
                way[ways] = r;
                position[ways] = 0;
                next[ways] = ((ProducerRing<?>) snapshot[r]).stamp(0);
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
            ProducerRing<?> ring = (ProducerRing<?>) snapshot[way[best]];
            int p = position[best]++;
            batch.add((Event) ring.peek(p));
            if (p + 1 < counts[way[best]]) {
                next[best] = ring.stamp(p + 1);
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
        }
    }
}
