package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.CommitFailed;
import dev.sluice.event.Event;

/**
 * {@code SCHEMA_RACE_CONFLICT}: a writer changed an existing table's metadata (schema evolution)
 * while another writer's metadata change committed first ({@code MetadataChangedException}).
 */
public final class SchemaRaceConflictDetector implements Detector {

    @Override
    public Consumes consumes() {
        return Consumes.kinds(CommitFailed.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (!(event.body() instanceof CommitFailed f) || f.readVersion() < 0
                || !DeltaConflicts.is(f, "MetadataChangedException")) {
            return;
        }
        findings.report(Finding.of("SCHEMA_RACE_CONFLICT/" + f.table() + "/" + f.attempt(),
                FindingCode.SCHEMA_RACE_CONFLICT, event.timeNanos(), DeltaConflicts.resources(f),
                f.writer() + "'s schema change lost to " + DeltaConflicts.winner(f),
                f.writer() + " read version " + f.readVersion() + " of " + f.table() + " and changed its schema in "
                        + "the commit of batch " + f.batch() + ", but " + DeltaConflicts.winner(f)
                        + " changed the metadata first; the commit failed with MetadataChangedException ("
                        + f.message() + "). Concurrent schema evolution lets only one writer win per version; "
                        + "the others' rows are not written unless the failure is seen and the write repeated.",
                "Let one writer evolve the schema (all new columns at once) before the concurrent appends start "
                        + "(delta.strategy=first-writer-creates), or retry the losing writes on the new schema."));
    }
}
