package dev.sluice.event;

/**
 * The kind-specific part of an event. Every kind is a record in one of the sealed per-engine
 * families; {@link EventCatalog} finds them through the permits lists, so adding a kind is adding a
 * record and naming it in its family's {@code permits} clause.
 *
 * <p>Record components may be {@code String}, {@code long}, {@code int}, {@code boolean} or an
 * enum; the trace stores them in typed slots (see {@code trace-format.md}).
 */
public sealed interface EventBody permits AppEvent, S3Event, FlightEvent, DeltaEvent {

    /** The engine that emits this kind. */
    Engine engine();

    /** The kind's stable name, as written in traces. */
    default String kind() {
        return getClass().getSimpleName();
    }
}
