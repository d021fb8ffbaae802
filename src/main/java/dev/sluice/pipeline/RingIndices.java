package dev.sluice.pipeline;

/**
 * {@link ProducerRing}'s indices, each on a cache line of its own: padding by inheritance, since the
 * JVM lays out a superclass's fields before its subclass's whatever their declared order.
 */
final class RingIndices {

    private RingIndices() {
    }

    @SuppressWarnings("unused")
    static class LeadPad {
        private long l0, l1, l2, l3, l4, l5, l6, l7;
    }

    /** The producer's line: its tail, its cached copy of the head, and the segment it writes. */
    static class ProducerIndex extends LeadPad {
        @SuppressWarnings("UnusedVariable") // written through the TAIL VarHandle
        volatile long tail;
        long headCache;
        /** The tail at which the producer next reads the head to see whether its ring passed its high-water mark. */
        long checkAt;
        /** The ring index of the first event written into {@link #tailSegment}. */
        long tailStart;
        RingSegment tailSegment;
        /** {@link #tailSegment}'s arrays, read with the tail (one line) rather than through the segment. */
        Object[] tailSlots;
        long[] tailStamps;
    }

    @SuppressWarnings("unused")
    static class MiddlePad extends ProducerIndex {
        private long m0, m1, m2, m3, m4, m5, m6, m7;
    }

    /** The consumer's line: its head and the segment that holds it. */
    static class ConsumerIndex extends MiddlePad {
        @SuppressWarnings("UnusedVariable") // read and written through the HEAD VarHandle
        volatile long head;
        RingSegment headSegment;
        @SuppressWarnings("unused")
        private long t0, t1, t2, t3, t4, t5, t6;
    }
}
