package dev.sluice.bench;

import java.util.List;
import java.util.Optional;

/** The benchmarks {@code sluice bench} knows. */
public final class Benchmarks {

    /** The system property (or {@code SLUICE_BENCH_EVENTS}) giving the events of a benchmark's trace ({@code --events}). */
    public static final String EVENTS_PROPERTY = "sluice.bench.events";

    private static final List<Benchmark> ALL = List.of(
            new PipelineBench(),
            new ReplayBench(),
            new CheckBench(),
            new S3ReadBench(),
            new FlightShuffleBench(),
            new DeltaCommitBench(),
            new UiIngestBench(),
            new OpenLargeBench(),
            new AgentBench());

    private Benchmarks() {
    }

    public static List<Benchmark> all() {
        return ALL;
    }

    public static Optional<Benchmark> find(String name) {
        return ALL.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
