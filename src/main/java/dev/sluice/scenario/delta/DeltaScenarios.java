package dev.sluice.scenario.delta;

import dev.sluice.scenario.Scenario;
import java.util.List;

/** The built-in Delta scenarios: one healthy run and one per hazard. */
public final class DeltaScenarios {

    private DeltaScenarios() {
    }

    public static List<Scenario> all() {
        return List.of(
                new DeltaScenario("delta-first-writer",
                        "Healthy: one writer creates the table, 8 append concurrently; verify passes",
                        DeltaScenario.defaults()),
                new DeltaScenario("delta-concurrent-create",
                        "8 naive writers start on an empty directory: 7 lose the race to create the table",
                        DeltaScenario.defaults("delta.strategy", "naive", "delta.together", "1")),
                new DeltaScenario("delta-schema-race",
                        "8 writers evolve the schema of an existing table at once: 7 MetadataChangedException",
                        DeltaScenario.defaults("delta.strategy", "naive", "delta.table", "existing",
                                "delta.operation", "evolve-schema", "delta.together", "1")),
                new DeltaScenario("delta-read-append",
                        "Read-then-append transactions with retry: conflicts and their retries; verify passes",
                        DeltaScenario.defaults("delta.strategy", "retry", "delta.table", "existing",
                                "delta.operation", "read-append", "delta.writers", "4", "delta.batches", "2", "delta.together", "2",
                                "delta.rows", "200")),
                new DeltaScenario("delta-fire-and-forget",
                        "The seed's bug: pool tasks create the table, fail, and nobody reads their futures",
                        DeltaScenario.defaults("delta.strategy", "fire-and-forget", "delta.together", "1")),
                new DeltaScenario("delta-separate-logs",
                        "One DeltaLog per writer on Delta's default local store: lost commits or a corrupt log; "
                                + "then the same with Sluice's store, clean",
                        DeltaScenario.defaults("delta.logs", "per-writer", "delta.logStore", "delta-default",
                                "delta.table", "existing", "delta.batches", "10", "delta.rows", "20", "delta.fs", "raw",
                                "delta.rounds", "6", "delta.control.rounds", "1")),
                new DeltaS3ProcessesScenario(),
                new DeltaVerifyScenario());
    }
}
