package dev.sluice.pipeline;

import dev.sluice.event.Event;
import dev.sluice.event.EventCatalog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pipeline's rings, one per producing thread, and their drop counters. An emit finds its
 * thread's ring in a small table indexed by thread id, checking the ring's owner, instead of
 * searching the thread's ThreadLocal map; the ThreadLocal is the fallback and the source of truth.
 */
final class RingTable {

    /** Table slots: threads whose ids are equal modulo this only take the ThreadLocal path more often. */
    private static final int SLOTS = 256;
    /** A ring's drop counters: one per kind, then the total. */
    static final int DROP_SLOTS = EventCatalog.size() + 1;

    private final int capacity;
    private final DispatcherWake wake;
    private final SpareSegments spares;
    private final List<ProducerRing<Event>> rings = new CopyOnWriteArrayList<>();
    private final ThreadLocal<ProducerRing<Event>> ringOfThread = ThreadLocal.withInitial(this::newRing);
    /**
     * Plain reads and writes: a ring found here is used only if its owner is the calling thread, which made
     * it (its final fields are safely published); a slot overwritten by a thread whose id collides, or cleared
     * by {@link #prune}, only sends the next emit to the ThreadLocal.
     */
    private final ProducerRing<Event>[] byThreadId = newTable();
    /** The drop counters of rings still listed; a pruned ring's are added into {@link #prunedDrops}. */
    private final List<long[]> dropCounters = new CopyOnWriteArrayList<>();
    /**
     * The drops of pruned rings, per kind then the total: kept so the counts stay exact, without a list that grows by one
     * array per thread that ever dropped (a pool that keeps replacing its threads). Guarded by itself, with the move of
     * an array out of {@link #dropCounters}, so a count read meanwhile from another thread is never counted twice.
     */
    private final long[] prunedDrops = new long[DROP_SLOTS];

    /** Rings of {@code capacity} events that never borrow a spare segment. */
    RingTable(int capacity, DispatcherWake wake) {
        this(capacity, wake, 0);
    }

    /** Rings of {@code capacity} events that may borrow, all together, up to {@code spareSegments} more segments. */
    RingTable(int capacity, DispatcherWake wake, int spareSegments) {
        this.capacity = capacity;
        this.wake = wake;
        this.spares = new SpareSegments(ProducerRing.segmentSize(capacity), spareSegments);
    }

    SpareSegments spares() {
        return spares;
    }

    /** The calling thread's ring ({@code t} is the current thread). */
    ProducerRing<Event> ringOf(Thread t) {
        int slot = slot(t);
        ProducerRing<Event> ring = byThreadId[slot];
        if (ring != null && ring.owner == t) {
            return ring;
        }
        ring = ringOfThread.get();
        byThreadId[slot] = ring;
        return ring;
    }

    /** Producer only: counts a dropped event of kind index {@code kind} on its own ring. */
    void countDrop(ProducerRing<Event> ring, int kind) {
        long[] created = ring.countDrop(kind, DROP_SLOTS);
        if (created != null) {
            dropCounters.add(created);
        }
    }

    /** The drops of kind index {@code kind} over every ring ({@code DROP_SLOTS - 1}: of all kinds). */
    long dropped(int kind) {
        synchronized (prunedDrops) { // uncontended but for a view reading the count
            long sum = prunedDrops[kind];
            for (long[] counters : dropCounters) {
                sum += ProducerRing.drops(counters, kind);
            }
            return sum;
        }
    }

    /** Drop-counter arrays still listed (one per listed ring that dropped; for tests). */
    int dropCounterArrays() {
        return dropCounters.size();
    }

    List<ProducerRing<Event>> rings() {
        return rings;
    }

    long queued() {
        long n = 0;
        for (ProducerRing<Event> r : rings) {
            n += r.size();
        }
        return n;
    }

    /**
     * Dispatcher only, every tick: forgets the rings of threads that have ended once they are drained, and lets go of
     * pooled spare segments after a quiet second.
     */
    void prune() {
        spares.tick();
        rings.removeIf(r -> {
            boolean ended = !r.owner.isAlive() && r.size() == 0;
            int slot = slot(r.owner);
            if (ended && byThreadId[slot] == r) {
                byThreadId[slot] = null; // a dead thread's ring must not stay reachable from here
            }
            if (ended) {
                r.consumerSegment(); // gives back the segments it has left, so its one open segment goes with it
                forgetDrops(r);
            }
            return ended;
        });
    }

    /** Moves an ended ring's drops into {@link #prunedDrops} (its producer has ended: they no longer change). */
    private void forgetDrops(ProducerRing<Event> ended) {
        long[] counters = ended.dropCounters();
        if (counters == null) {
            return;
        }
        synchronized (prunedDrops) {
            for (int kind = 0; kind < DROP_SLOTS; kind++) {
                prunedDrops[kind] += ProducerRing.drops(counters, kind);
            }
            dropCounters.remove(counters);
        }
    }

    @SuppressWarnings("unchecked") // an array of a generic type is made raw
    private static ProducerRing<Event>[] newTable() {
        return (ProducerRing<Event>[]) new ProducerRing<?>[SLOTS];
    }

    private static int slot(Thread t) {
        @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
        long id = t.getId();
        return (int) id & (SLOTS - 1);
    }

    private ProducerRing<Event> newRing() {
        ProducerRing<Event> r = new ProducerRing<>(Thread.currentThread(), capacity, wake, spares);
        rings.add(r);
        return r;
    }
}
