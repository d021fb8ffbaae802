package dev.sluice.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.delta.DeltaTables;
import dev.sluice.engine.delta.LogStoreKind;
import dev.sluice.engine.delta.TableWriter;
import dev.sluice.event.Emitter;
import dev.sluice.profile.CheckResult.Check;
import dev.sluice.profile.CheckResult.Status;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Delta check on a real table, an empty directory and a directory that holds other files. */
class DeltaProfileCheckTest {

    @TempDir
    Path dir;

    private static CheckResult check(Path table) {
        List<CheckResult> r = ProfileCheck.standard().run(new Profile("d", "", Map.of(ProfileField.DELTA_TABLE,
                table.toString())), CheckListener.SILENT);
        assertEquals(1, r.size(), r::toString);
        assertEquals(Check.DELTA_TABLE, r.get(0).check());
        return r.get(0);
    }

    @Test
    void aTableReadsAtItsVersion() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        URI uri = DeltaTables.uriOf(t);
        DeltaTables tables = new DeltaTables(LogStoreKind.SLUICE, DeltaTables.LocalFs.RAW, Emitter.NOOP);
        new TableWriter(tables.sharedLog(uri, "w"), uri, "w", Emitter.NOOP, 8).createTable();
        CheckResult r = check(t);
        assertEquals(Status.PASS, r.status(), r::line);
        assertEquals("a readable Delta table at version 0 (0 data files)", r.detail());
    }

    @Test
    void anEmptyDirectoryCanTakeANewTable() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CheckResult r = check(empty);
        assertEquals(Status.PASS, r.status(), r::line);
        assertTrue(r.detail().startsWith("an empty directory that can be written"), r::line);
        try (var left = Files.list(empty)) {
            assertEquals(0, left.count(), "the write check leaves nothing behind");
        }
    }

    @Test
    void aDirectoryOfOtherFilesIsNotADeltaTable() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("part-0.parquet"), "not really");
        CheckResult r = check(other);
        assertEquals(Status.FAIL, r.status());
        assertEquals("not a Delta table: it holds 1 entry but no _delta_log", r.detail());
        assertTrue(r.fix().startsWith("set delta.table to the table's root"), r::line);
    }
}
