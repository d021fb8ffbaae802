package dev.sluice.event;

/**
 * The only API probes call. Implementations never block and never throw at the caller: an event
 * that cannot be taken is dropped and counted.
 */
@FunctionalInterface
public interface Emitter {

    /** Emitter that discards everything (probes off). */
    Emitter NOOP = body -> { };

    /** Records that {@code body} happened now, on the calling thread. */
    void emit(EventBody body);

    /** Whether emitted events go anywhere; probes may skip building costly bodies when false. */
    default boolean enabled() {
        return this != NOOP;
    }
}
