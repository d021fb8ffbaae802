package dev.sluice.source.deltalog;

import dev.sluice.event.DeltaEvent.LoggedFlag;
import java.util.List;

/**
 * One commit file as read: the commitInfo fields (empty text and -1 where the writer recorded none),
 * the first {@code txn} action, the metaData and protocol actions it carries, and its file actions.
 *
 * @param timestampMillis the in-commit timestamp, else commitInfo's, else the file's modification time
 * @param schema          metaData's schemaString, null when the commit has no metaData action
 * @param protocol        the protocol action as text, empty when the commit has none
 */
record LoggedCommit(long version, long timestampMillis, String operation, String engineInfo, String txnId,
                    String userMetadata, long readVersion, LoggedFlag blindAppend, String txnAppId, long txnVersion,
                    String tableId, String schema, String protocol, long rowsAdded, List<FileAction> files) {

    /** An {@code add} or {@code remove} action; {@code size} -1 when not recorded. */
    record FileAction(boolean add, String path, boolean dataChange, long size) { }

    long filesAdded() {
        return files.stream().filter(FileAction::add).count();
    }

    long filesRemoved() {
        return files.size() - filesAdded();
    }

    long bytesAdded() {
        return files.stream().filter(FileAction::add).mapToLong(f -> Math.max(0, f.size())).sum();
    }
}
