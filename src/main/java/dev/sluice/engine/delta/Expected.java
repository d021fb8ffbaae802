package dev.sluice.engine.delta;

/**
 * A batch a workload meant to write, what became of it, and so how verify explains its rows if
 * they are not in the table.
 *
 * @param file the data file of its commit, or null when it was never acknowledged
 */
public record Expected(RowBatch batch, String file, Reason ifMissing) {

    /** Why rows may be absent; only {@link #FAILURE_SURFACED} explains an absence. */
    public enum Reason {
        /** The commit was acknowledged: absent rows are lost writes. */
        ACKNOWLEDGED("acknowledged"),
        /** The write failed and nobody read the failure: the job believes the rows are there. */
        FAILURE_UNOBSERVED("failure-unobserved"),
        /** The write failed and the failure was reported: absent rows are expected. */
        FAILURE_SURFACED("failure-surfaced"),
        /** Verify without a record of the writes: a hole in a writer's sequence numbers. */
        GAP("gap");

        private final String id;

        Reason(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public boolean explains() {
            return this == FAILURE_SURFACED;
        }
    }
}
