package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.CommitLogged;
import dev.sluice.event.Event;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code DUPLICATE_TXN}: two commits of a table carry the same {@code txn} (appId, version). The txn
 * action exists so that a retried batch commits once (idempotent writes): a second commit of the same
 * pair means the retry did not check the table's txn, and the batch's rows are in the table twice.
 */
public final class DuplicateTxnDetector implements Detector {

    private final Map<String, CommitLogged> first = new HashMap<>();

    @Override
    public Consumes consumes() {
        return Consumes.kinds(CommitLogged.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (!(event.body() instanceof CommitLogged c) || c.txnAppId().isEmpty()) {
            return;
        }
        String key = c.table() + "\n" + c.txnAppId() + "\n" + c.txnVersion();
        CommitLogged was = first.putIfAbsent(key, c);
        if (was == null) {
            return;
        }
        String txn = "txn " + c.txnAppId() + " version " + c.txnVersion();
        findings.report(Finding.of("DUPLICATE_TXN/" + c.table() + "/" + c.txnAppId() + "/" + c.txnVersion() + "/v"
                        + c.version(), FindingCode.DUPLICATE_TXN, event.timeNanos(), DeltaHistory.resources(c.table(), c),
                txn + " committed twice to " + c.table() + " (v" + was.version() + " and v" + c.version() + ")",
                DeltaHistory.commit(c) + " carries " + txn + ", which " + DeltaHistory.commit(was) + " already "
                        + "committed. A txn pair marks a batch as written so that a retry after an unclear outcome "
                        + "commits it once; committing it again is a duplicate batch: its " + c.filesAdded()
                        + " file(s) (" + c.bytesAdded() + " bytes) add the same rows a second time."
                        + DeltaHistory.ONLY_WINNERS,
                "Before a retry, read the table's latest txn version for the appId (Snapshot's "
                        + "getLatestTransactionVersion / setTransactionId) and skip batches at or below it; remove the "
                        + "duplicate files with a DELETE or RESTORE to v" + (c.version() - 1) + " if nothing else "
                        + "committed since.").endedAt(event.timeNanos()));
    }
}
