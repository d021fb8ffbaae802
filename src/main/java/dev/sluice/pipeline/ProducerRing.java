package dev.sluice.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A bounded ring with exactly one producer (the thread that owns it) and one consumer (the
 * dispatcher). Each producing thread gets its own, so producers never contend with each other:
 * an offer is two plain stores and one release store. Each element carries a stamp (its event
 * time) in an array beside it, so the consumer orders a batch reading the stamps in sequence
 * instead of loading every element another core has just written. The producer's and the
 * consumer's indices sit on cache lines of their own (the padding superclasses), so neither
 * core's writes invalidate the line the other one reads on every event.
 *
 * <p>The ring's indices only grow; its events live in {@link RingSegment}s of {@code size} slots. Usually one: a
 * probe's emit that finds the segment full moves on to a spare one from the pipeline's {@link SpareSegments} (its
 * later events go there, in order), and the consumer, once it has taken the old segment's last event, gives it back
 * and goes on in the new one. {@link #offer} never borrows: it refuses once the ring holds {@code size} events.
 */
final class ProducerRing<E> extends RingIndices.ConsumerIndex {

    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle DROPS = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(RingIndices.ProducerIndex.class, "tail", long.class);
            HEAD = l.findVarHandle(RingIndices.ConsumerIndex.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread owner;
    /** The owner's id, read once (a thread's id never changes). */
    final long ownerId;
    /** Every segment's slot {@code i} is {@code slots[i & mask]}; the consumer indexes them directly ({@link LiveDrain}). */
    final int mask;
    private final int size;
    /** Woken when this ring fills past half, so a parked dispatcher drains it before it overflows. */
    private final DispatcherWake wake;
    private final SpareSegments spares;
    /** Drops by kind index, created on the first drop; kept by the pipeline after the ring is pruned. */
    private long[] drops;

    /** A ring that never borrows a segment (its emit drops as soon as its one segment is full). */
    ProducerRing(Thread owner, int capacity, DispatcherWake wake) {
        this(owner, capacity, wake, new SpareSegments(segmentSize(capacity), 0));
    }

    ProducerRing(Thread owner, int capacity, DispatcherWake wake, SpareSegments spares) {
        this.size = segmentSize(capacity);
        if (spares.segmentSize() != size) {
            throw new IllegalArgumentException("spare segments of " + spares.segmentSize() + " slots for a ring of " + size);
        }
        this.owner = owner;
        @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
        long id = owner.getId();
        this.ownerId = id;
        this.mask = size - 1;
        this.wake = wake;
        this.spares = spares;
        RingSegment first = new RingSegment(size);
        useForWriting(first, 0);
        headSegment = first;
    }

    /** The slots of a segment for a ring of {@code capacity} events: the power of two at or above it. */
    static int segmentSize(int capacity) {
        return Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
    }

    /**
     * Producer only, for a producer that may wait (and replay): false when the ring holds a segment's worth of events,
     * whatever segments they are in.
     */
    boolean offer(E element, long stamp) {
        long t = (long) TAIL.get(this); // plain: only this thread writes it
        if (t - headCache >= size) { // full, or the head cached is old: read it again
            headCache = (long) HEAD.getAcquire(this);
            if (t - headCache >= size) {
                wake.wake();
                return false;
            }
        }
        return put(element, stamp, t, false);
    }

    /**
     * Producer only, for a probe's emit: like {@link #offer}, but a full segment hands the events that follow to a
     * spare one; false only when the segment is full and no spare is left (the event is then dropped).
     */
    boolean offerOrBorrow(E element, long stamp) {
        return put(element, stamp, (long) TAIL.get(this), true);
    }

    /**
     * The element and its stamp are plain stores; the release store of the tail publishes them (the consumer reads
     * the tail with acquire first). The head is read only at {@code checkAt} (set from the cached head to half the
     * ring on), so room is claimed in batches; a ring found half full or more wakes the dispatcher (then rechecked
     * every eighth of a segment, never past the point where the cached head says the segment is full).
     */
    private boolean put(E element, long stamp, long t, boolean mayBorrow) {
        if (t >= checkAt && !claimRoom(t, mayBorrow)) {
            return false; // checkAt stays behind the tail: the next offer reads the head again
        }
        int index = (int) t & mask;
        tailSlots[index] = element;
        tailStamps[index] = stamp;
        TAIL.setRelease(this, t + 1);
        return true;
    }

    private boolean claimRoom(long t, boolean mayBorrow) {
        long head = (long) HEAD.getAcquire(this);
        headCache = head;
        long backlog = t - head;
        long fill = t - Math.max(head, tailStart); // of the segment being written
        int half = size / 2;
        if (backlog >= half) {
            wake.wake();
        }
        if (fill >= size) {
            if (!mayBorrow || !borrow(t)) {
                return false;
            }
            fill = 0;
        }
        checkAt = backlog >= half ? t + Math.min(size / 8, size - fill) : head + half;
        return true;
    }

    /** Ends the segment being written at {@code t} and goes on in a spare one; false when there is none. */
    private boolean borrow(long t) {
        RingSegment next = spares.borrow();
        if (next == null) {
            return false;
        }
        tailSegment.endAt(t, next); // before the tail passes t, so a consumer that sees event t sees where it is
        useForWriting(next, t);
        return true;
    }

    private void useForWriting(RingSegment segment, long from) {
        tailSegment = segment;
        tailSlots = segment.slots;
        tailStamps = segment.stamps;
        tailStart = from;
    }

    /**
     * Producer only: counts a dropped event of kind {@code kind} in a {@code kinds}-slot counter array
     * whose last slot is the total; returns the array when
     * it was just created, so the pipeline keeps it (drops stay exact after the ring is pruned).
     */
    long[] countDrop(int kind, int kinds) {
        long[] d = drops;
        long[] created = null;
        if (d == null) {
            d = new long[kinds];
            drops = d;
            created = d;
        }
        DROPS.setOpaque(d, kind, d[kind] + 1);
        DROPS.setOpaque(d, kinds - 1, d[kinds - 1] + 1); // the last slot counts every kind
        return created;
    }

    /** This ring's drop counters, null if it never dropped (read once its producer has ended). */
    long[] dropCounters() {
        return drops;
    }

    /** Any thread: a drop counter's value, read without tearing while its producer counts. */
    static long drops(long[] counters, int kind) {
        return (long) DROPS.getOpaque(counters, kind);
    }

    /** Consumer only: the index of the first element not yet taken. */
    long head() {
        return (long) HEAD.getOpaque(this);
    }

    /** Consumer only: the index after the last published element (acquire: its slots are visible). */
    long publishedTail() {
        return (long) TAIL.getAcquire(this);
    }

    /**
     * Consumer only: the segment that holds the head, after giving back the segments before it (the producer has
     * left them and the consumer has taken their last event). Events from the head on are in it up to its
     * {@link RingSegment#end()}, read after {@link #publishedTail()}.
     */
    RingSegment consumerSegment() {
        RingSegment s = headSegment;
        long h = head();
        while (h >= s.end()) {
            RingSegment next = s.next();
            spares.giveBack(s);
            s = next;
        }
        headSegment = s;
        return s;
    }

    /** Consumer only: moves up to {@code max} elements into {@code out} in one copy; returns how many. */
    int drainTo(EventBatch out, int max) {
        RingSegment s = consumerSegment();
        long h = head();
        long published = publishedTail();
        int n = (int) Math.min(max, Math.min(published, s.end()) - h);
        out.addSlots(s.slots, h, n, mask);
        advance(h, n);
        return n;
    }

    /**
     * Consumer only: takes the {@code n} elements from {@code h} (the head), freeing their slots; they are all in the
     * segment {@link #consumerSegment()} returned.
     */
    void advance(long h, int n) {
        if (n <= 0) {
            return;
        }
        Object[] slots = headSegment.slots;
        int from = (int) h & mask;
        int first = Math.min(n, slots.length - from);
        Arrays.fill(slots, from, from + first, null);
        Arrays.fill(slots, 0, n - first, null);
        HEAD.setRelease(this, h + n);
    }

    /** Events published and not yet taken, over all its segments. */
    long size() {
        return (long) TAIL.getAcquire(this) - (long) HEAD.getAcquire(this);
    }
}
