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
    private final List<ProducerRing<Event>> rings = new CopyOnWriteArrayList<>();
    private final ThreadLocal<ProducerRing<Event>> ringOfThread = ThreadLocal.withInitial(this::newRing);
    /**
     * Plain reads and writes: a ring found here is used only if its owner is the calling thread, which made
     * it (its final fields are safely published); a slot overwritten by a thread whose id collides, or cleared
     * by {@link #prune}, only sends the next emit to the ThreadLocal.
     */
    private final ProducerRing<Event>[] byThreadId = newTable();
    /** Every ring's drop counters ever created, pruned rings' too, so the counts stay exact. */
    private final List<long[]> dropCounters = new CopyOnWriteArrayList<>();

    RingTable(int capacity) {
        this.capacity = capacity;
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
        long sum = 0;
        for (long[] counters : dropCounters) {
            sum += ProducerRing.drops(counters, kind);
        }
        return sum;
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

    /** Dispatcher only: forgets the rings of threads that have ended once they are drained. */
    void prune() {
        rings.removeIf(r -> {
            boolean ended = !r.owner.isAlive() && r.size() == 0;
            int slot = slot(r.owner);
            if (ended && byThreadId[slot] == r) {
                byThreadId[slot] = null; // a dead thread's ring must not stay reachable from here
            }
            return ended;
        });
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
        ProducerRing<Event> r = new ProducerRing<>(Thread.currentThread(), capacity);
        rings.add(r);
        return r;
    }
}
