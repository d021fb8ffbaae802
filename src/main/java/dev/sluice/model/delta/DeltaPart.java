package dev.sluice.model.delta;

import dev.sluice.model.EnginePart;
import dev.sluice.model.ModelSnapshot;
import java.util.List;

/**
 * The Delta part of a snapshot.
 *
 * @param attempts     commit attempts that ended, in end order
 * @param openAttempts commit attempts not ended yet
 * @param verifies     verify results, in order
 */
public record DeltaPart(List<CommitAttempt> attempts, List<CommitAttempt> openAttempts, List<VerifyResult> verifies)
        implements EnginePart {

    public static DeltaPart of(ModelSnapshot snapshot) {
        return snapshot.part(DeltaPart.class);
    }
}
