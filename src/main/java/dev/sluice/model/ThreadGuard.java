package dev.sluice.model;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds a piece of single-threaded state to the first thread that touches it. A call from any other
 * thread throws and is counted, so a test can fail when model or UI work runs on the wrong thread
 * even if the exception was caught somewhere up the stack.
 */
public final class ThreadGuard {

    private static final AtomicLong VIOLATIONS = new AtomicLong();

    private final String what;
    private volatile Thread owner;

    public ThreadGuard(String what) {
        this.what = what;
    }

    /** Throws {@link IllegalStateException} unless called on the owning thread (the first caller). */
    public void check() {
        Thread current = Thread.currentThread();
        Thread o = owner;
        if (o == null) {
            owner = current;
            return;
        }
        if (o != current) {
            VIOLATIONS.incrementAndGet();
            throw new IllegalStateException(what + " is owned by thread '" + o.getName() + "' but was used on '"
                    + current.getName() + "'");
        }
    }

    /** Wrong-thread calls seen so far in this JVM (by any guard, including the FX-thread checks). */
    public static long violations() {
        return VIOLATIONS.get();
    }

    /** Counts a wrong-thread call found by another check (for example "not on the FX thread"). */
    public static IllegalStateException violation(String message) {
        VIOLATIONS.incrementAndGet();
        return new IllegalStateException(message);
    }
}
