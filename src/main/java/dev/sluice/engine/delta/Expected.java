package dev.sluice.engine.delta;

import dev.sluice.event.DeltaEvent.MissingReason;

/**
 * A batch a workload meant to write, what became of it, and so how verify explains its rows if
 * they are not in the table.
 *
 * @param file the data file of its commit, or null when it was never acknowledged
 */
public record Expected(RowBatch batch, String file, MissingReason ifMissing) {
}
