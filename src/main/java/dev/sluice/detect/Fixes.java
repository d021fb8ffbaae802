package dev.sluice.detect;

/**
 * The fixes that are settings, in one place so that the detectors' prose and {@link FindingCode}
 * name the same values. Keys and values are the scenario settings' text ({@code detect} cannot see
 * {@code scenario}); {@code scenario.FixesTest} checks every one against a scenario that declares it.
 */
final class Fixes {

    static final Fix SHARED_CLIENT = Fix.of("s3.lifecycle", "shared",
            "One client for all workers, created and closed by the reader's owner.");
    static final Fix DRAIN = Fix.of("flight.strategy", "drain",
            "One drain task per stream into an unbounded buffer, with back-pressure at the memory budget.");
    static final Fix ARRIVAL_ORDER = Fix.of("flight.order", "arrival",
            "The consumer takes batches in arrival order, so every buffered batch frees budget.");
    static final Fix CREATE_FIRST = Fix.of("delta.strategy", "first-writer-creates",
            "One writer creates the table alone before the others append concurrently.");
    static final Fix BLIND_APPEND = Fix.of("delta.operation", "blind-append",
            "Append without reading the table: blind appends never conflict with each other.");
    static final Fix OBSERVED_WRITERS = Fix.of("delta.strategy", "first-writer-creates",
            "Every writer's future is read, and the table exists before the writers start.");
    static final Fix SAFE_LOG_STORE = Fix.of("delta.logStore", "sluice",
            "Commits are published with a log store that fails when the version already exists.");

    private Fixes() {
    }
}
