package dev.sluice.pipeline;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets a producer whose ring is filling wake a parked dispatcher early instead of letting its ring
 * overflow while the dispatcher sleeps out its back-off. Producers call {@link #wake} only when their
 * ring crosses its high-water mark (a few times per ring's worth of events, never per event), and
 * unpark only a dispatcher that said it is parked, so a busy dispatcher costs them one volatile read.
 */
final class DispatcherWake {

    private volatile boolean parked;
    private volatile Thread dispatcher;
    /** Parks cut short by a producer: rare (a ring half full while the dispatcher slept), so one shared counter. */
    private final AtomicLong earlyWakes = new AtomicLong();

    /** Dispatcher only: the thread to wake, set before it first parks. */
    void bind(Thread thread) {
        dispatcher = thread;
    }

    /** Dispatcher only: parks up to {@code nanos}, or until a producer's ring passes its high-water mark. */
    void park(long nanos) {
        parked = true;
        LockSupport.parkNanos(nanos);
        parked = false;
    }

    /** How many times a producer's filling ring woke the parked dispatcher. */
    long earlyWakes() {
        return earlyWakes.get();
    }

    /** Whether the dispatcher is parked now (for tests). */
    boolean parked() {
        return parked;
    }

    /**
     * Any producer: unparks the dispatcher if it is parked. A wake that races the dispatcher's own
     * wake-up is harmless (its next park returns at once, and it finds events to take).
     */
    void wake() {
        if (parked) {
            parked = false;
            Thread t = dispatcher;
            if (t != null) {
                earlyWakes.incrementAndGet();
                LockSupport.unpark(t);
            }
        }
    }
}
