package dev.sluice.profile;

import dev.sluice.engine.delta.DeltaTables;
import dev.sluice.engine.delta.LogStoreKind;
import dev.sluice.profile.CheckResult.Check;
import io.delta.standalone.DeltaLog;
import io.delta.standalone.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The Delta part of a profile check: the location is a Delta table that reads (its latest
 * snapshot), or an empty directory a writer may create a table in.
 */
final class DeltaCheck {

    private static final String LOG_DIR = "_delta_log";

    CheckResult run(Path location, CheckRun run) {
        String subject = location.toString();
        if (!Files.isDirectory(location)) {
            return CheckResult.fail(Check.DELTA_TABLE, subject, Files.exists(location) ? "not a directory" : "does not exist",
                    "set delta.table to a table's root directory, or create an empty directory for a new table");
        }
        if (Files.isDirectory(location.resolve(LOG_DIR))) {
            run.progress(Check.DELTA_TABLE, subject, "reading the Delta log");
            return read(location);
        }
        long entries;
        try (Stream<Path> list = Files.list(location)) {
            entries = list.count();
        } catch (IOException e) {
            return CheckResult.fail(Check.DELTA_TABLE, subject, "cannot be listed: " + e.getMessage(),
                    "give this user read access to the directory");
        }
        if (entries > 0) {
            return CheckResult.fail(Check.DELTA_TABLE, subject, "not a Delta table: it holds " + entries
                    + (entries == 1 ? " entry" : " entries") + " but no " + LOG_DIR,
                    "set delta.table to the table's root (the directory holding " + LOG_DIR + "), or to an empty directory");
        }
        Path probe = location.resolve(".sluice-write-check");
        try {
            Files.writeString(probe, "sluice profiles test\n");
            Files.delete(probe);
        } catch (IOException e) {
            return CheckResult.fail(Check.DELTA_TABLE, subject, "empty but not writable: " + e.getMessage(),
                    "give this user write access, or choose another directory");
        }
        return CheckResult.pass(Check.DELTA_TABLE, subject, "an empty directory that can be written: a new table can"
                + " be created here");
    }

    private static CheckResult read(Path location) {
        String subject = location.toString();
        try {
            DeltaLog log = DeltaLog.forTable(DeltaTables.hadoopConf(LogStoreKind.SLUICE, DeltaTables.LocalFs.CHECKSUMMED),
                    new org.apache.hadoop.fs.Path(DeltaTables.uriOf(location)));
            Snapshot s = log.update();
            if (s.getVersion() < 0) {
                return CheckResult.fail(Check.DELTA_TABLE, subject, "not a Delta table: " + LOG_DIR + " holds no commit",
                        "set delta.table to a table with at least one commit, or empty the directory for a new table");
            }
            return CheckResult.pass(Check.DELTA_TABLE, subject, "a readable Delta table at version " + s.getVersion()
                    + " (" + s.getAllFiles().size() + " data files)");
        } catch (RuntimeException e) {
            // delta-standalone reports a damaged or unreadable log with unchecked exceptions of several kinds
            return CheckResult.fail(Check.DELTA_TABLE, subject, "the Delta log does not read: " + e,
                    "repair or restore " + LOG_DIR + " (sluice run delta-verify names what is wrong)");
        }
    }
}
