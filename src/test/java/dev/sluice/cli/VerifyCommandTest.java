package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.delta.DeltaTables;
import dev.sluice.engine.delta.LogStoreKind;
import dev.sluice.engine.delta.RowBatch;
import dev.sluice.engine.delta.S3Access;
import dev.sluice.engine.delta.TableWriter;
import dev.sluice.engine.s3.EmbeddedS3Server;
import dev.sluice.engine.s3.ProfiledS3Server;
import dev.sluice.event.Emitter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code sluice verify TABLE [--profile NAME]} on real Delta tables: local directories and
 * {@code s3://} tables on the embedded S3Proxy reached through a connection profile whose AWS
 * profile sits in this test's credentials file. A table loses rows the way the single-driver race
 * loses them: a later commit file is written over an earlier version's.
 */
@Timeout(120)
class VerifyCommandTest {

    private static final String AWS_PROFILE = "sluice-verify-test";
    private static final String V1 = "_delta_log/00000000000000000001.json";
    private static final String V2 = "_delta_log/00000000000000000002.json";

    @TempDir
    static Path dir;
    private static ProfiledS3Server profiled;
    private static EmbeddedS3Server server;
    private static S3Access access;

    @BeforeAll
    static void start() throws Exception {
        profiled = ProfiledS3Server.start(dir, AWS_PROFILE);
        server = profiled.server();
        access = new S3Access(server.endpoint(), "us-east-1", true, server.credentials().provider(), "test S3Proxy");
        access.ensureBucket("lake");
    }


    @AfterAll
    static void stop() throws Exception {
        profiled.close();
    }

    /** Version 1: writer-0's rows 0-9, 2: writer-1's rows 0-9, 3: writer-0's rows 10-19. */
    private static void write(URI table, DeltaTables tables) throws Exception {
        new TableWriter(tables.sharedLog(table, "setup"), table, "setup", Emitter.NOOP, 0, tables.conf()).createTable();
        TableWriter.Policy once = new TableWriter.Policy(0, Duration.ZERO, false);
        for (RowBatch b : List.of(RowBatch.of("writer-0", 0, 10), RowBatch.of("writer-1", 0, 10),
                RowBatch.of("writer-0", 1, 10))) {
            new TableWriter(tables.sharedLog(table, b.writer()), table, b.writer(), Emitter.NOOP, 0, tables.conf())
                    .append(b, TableWriter.Mode.BLIND_APPEND, once, TableWriter.Gate.OPEN);
        }
    }

    private static Path localTable(String name) throws Exception {
        Path table = dir.resolve(name);
        // raw: no .crc beside the commit files, so one can be overwritten as a racing writer would
        write(DeltaTables.uriOf(table), new DeltaTables(LogStoreKind.SLUICE, DeltaTables.LocalFs.RAW, Emitter.NOOP));
        return table;
    }

    private static URI s3Table(String prefix) throws Exception {
        URI table = URI.create("s3://lake/" + prefix);
        write(table, new DeltaTables(LogStoreKind.SLUICE, DeltaTables.LocalFs.RAW, access, Emitter.NOOP));
        return table;
    }

    private static void assertOneLineSayingWhatToFix(CliRun run, String starts) {
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run::err);
        assertTrue(lines.get(0).startsWith(starts), run::err);
        assertFalse(lines.get(0).matches(".*\\b(software\\.amazon|org\\.apache|[A-Z][A-Za-z]+Exception)\\b.*"),
                () -> "no raw exception class in: " + lines.get(0));
    }

    @Test
    void anIntactLocalTableExitsZero() throws Exception {
        Path table = localTable("intact");
        CliRun run = CliRun.sluice("verify", table.toString());
        assertEquals(0, run.code(), run::err);
        assertTrue(run.out().contains("version 3: 3 data files, 30 rows"), run::out);
        assertTrue(run.out().contains("intact: no row lost or duplicated"), run::out);
    }

    @Test
    void aLocalTableWhoseCommitWasOverwrittenExitsOneNamingTheRows() throws Exception {
        Path table = localTable("overwritten");
        Files.copy(table.resolve(V2), table.resolve(V1), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliRun run = CliRun.sluice("verify", table.toUri().toString());
        assertEquals(VerifyCommand.LOST, run.code(), run::out);
        assertTrue(run.out().contains("10 rows missing: writer-0:0-9"), run::out);
        assertTrue(run.out().contains("NOT intact: 10 rows missing, 0 duplicated, 0 data files gone"), run::out);
    }

    @Test
    void aDirectoryThatIsNoTableExitsTwo() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        CliRun run = CliRun.sluice("verify", plain.toString());
        assertEquals(SluiceCommand.CANNOT_RUN, run.code(), run::out);
        assertOneLineSayingWhatToFix(run, "sluice verify: " + plain.toUri() + " is not a readable Delta table: directory ");
    }

    @Test
    void anIntactS3TableThroughAProfileExitsZero() throws Exception {
        URI table = s3Table("intact");
        CliRun run = CliRun.sluice("verify", table.toString(), "--profile", "lake");
        assertEquals(0, run.code(), run::err);
        assertTrue(run.out().startsWith("reading " + table + " at " + server.endpoint() + " with AWS profile "
                + AWS_PROFILE), run::out);
        assertTrue(run.out().contains("version 3: 3 data files, 30 rows"), run::out);
        assertTrue(run.out().contains("intact: no row lost or duplicated"), run::out);
    }

    @Test
    void anS3TableWhoseCommitWasOverwrittenExitsOne() throws Exception {
        URI table = s3Table("overwritten");
        try (S3Client s3 = access.client()) {
            byte[] second = s3.getObjectAsBytes(b -> b.bucket("lake").key("overwritten/" + V2)).asByteArray();
            // what a second writer's single-driver store does to a version the first writer already published
            s3.putObject(b -> b.bucket("lake").key("overwritten/" + V1), RequestBody.fromBytes(second));
        }
        CliRun run = CliRun.sluice("verify", table.toString(), "--profile", "lake");
        assertEquals(VerifyCommand.LOST, run.code(), run::out);
        assertTrue(run.out().contains("10 rows missing: writer-0:0-9"), run::out);
    }

    @Test
    void anS3PrefixWithoutALogExitsTwo() {
        CliRun run = CliRun.sluice("verify", "s3://lake/nothing-here", "--profile", "lake");
        assertEquals(SluiceCommand.CANNOT_RUN, run.code(), run::out);
        assertOneLineSayingWhatToFix(run, "sluice verify: s3://lake/nothing-here is not a readable Delta table: the prefix");
    }

    @Test
    void aBucketThatDoesNotExistExitsTwoNamingTheBucket() {
        CliRun run = CliRun.sluice("verify", "s3://no-such-bucket/t", "--profile", "lake");
        assertEquals(SluiceCommand.CANNOT_RUN, run.code(), run::out);
        assertOneLineSayingWhatToFix(run, "sluice verify: s3://no-such-bucket/t is not a readable Delta table: no bucket"
                + " 'no-such-bucket' at " + server.endpoint());
    }

    @Test
    void anUnknownProfileExitsTwoNamingTheFile() {
        CliRun run = CliRun.sluice("verify", "s3://lake/intact", "--profile", "nobody");
        assertEquals(SluiceCommand.CANNOT_RUN, run.code(), run::out);
        assertOneLineSayingWhatToFix(run, "sluice verify: --profile nobody: no such profile in ");
    }
}
