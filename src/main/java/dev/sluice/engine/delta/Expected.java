package dev.sluice.engine.delta;

import dev.sluice.event.DeltaEvent.MissingReason;

/**
 * A batch a workload meant to write, what became of it, and so how verify explains its rows if
 * they are not in the table.
 *
 * @param file    the data file of its commit, or null when it was never acknowledged
 * @param version the version its writer was told it committed as, or -1 when never acknowledged
 */
public record Expected(RowBatch batch, String file, MissingReason ifMissing, long version) {

    /** A batch whose acknowledgement (if any) names no version. */
    public Expected(RowBatch batch, String file, MissingReason ifMissing) {
        this(batch, file, ifMissing, -1);
    }
}
