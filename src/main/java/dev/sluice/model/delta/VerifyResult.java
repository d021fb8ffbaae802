package dev.sluice.model.delta;

import dev.sluice.event.DeltaEvent.VerifyOutcome;

/** What Delta's verify step found when it compared the table with the acknowledged writes. */
public record VerifyResult(long nanos, String table, long tableVersion, long acknowledgedRows, long foundRows,
                           long missing, long duplicated, long unexplained, VerifyOutcome outcome) {
}
