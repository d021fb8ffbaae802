package dev.sluice.engine.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.s3.EmbeddedS3Server;
import dev.sluice.event.DeltaEvent.VerifyOutcome;
import dev.sluice.event.Emitter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delta tables on the embedded S3Proxy through S3A, with both log stores, written and verified in this JVM. */
class S3TablesTest {

    @TempDir
    static Path dir;

    private static EmbeddedS3Server server;
    private static S3Access access;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedS3Server.start(dir.resolve("s3"));
        access = new S3Access(server.endpoint(), "us-east-1", true, server.credentials().provider(), "embedded S3Proxy");
        access.ensureBucket("tables");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static TableVerifier.Report writeAndVerify(LogStoreKind store, String prefix) throws Exception {
        URI table = URI.create("s3://tables/" + prefix);
        DeltaTables tables = new DeltaTables(store, DeltaTables.LocalFs.RAW, access, Emitter.NOOP);
        DeltaWorkload.Outcome out = new DeltaWorkload(new DeltaWorkload.Config(table, 3, 2, 20, 4,
                DeltaWorkload.Strategy.FIRST_WRITER_CREATES, TableWriter.Mode.BLIND_APPEND, false,
                DeltaWorkload.LogSharing.SHARED, 0, Duration.ofMillis(5), 0), tables, Emitter.NOOP, () -> false).run();
        assertEquals(6, out.acks().size(), "every batch acknowledged");
        return new TableVerifier(DeltaTables.hadoopConf(LogStoreKind.SLUICE, DeltaTables.LocalFs.RAW, access), Emitter.NOOP)
                .verify(table, out.expected());
    }

    @Test
    void conditionalStoreWritesATableThatVerifies() throws Exception {
        TableVerifier.Report r = writeAndVerify(LogStoreKind.SLUICE, "conditional");
        assertEquals(VerifyOutcome.PASSED, r.outcome(), r.problems().toString());
        assertEquals(120, r.foundRows());
        assertEquals(6, r.dataFiles());
    }

    @Test
    void singleDriverStoreWritesATableThatVerifiesFromOneJvm() throws Exception {
        TableVerifier.Report r = writeAndVerify(LogStoreKind.DELTA_DEFAULT, "single-driver");
        assertEquals(VerifyOutcome.PASSED, r.outcome(), r.problems().toString());
        assertEquals(120, r.foundRows());
    }

    @Test
    void aPrefixWithoutALogIsNotATable() {
        NotADeltaTableException e = assertThrows(NotADeltaTableException.class, () ->
                new TableVerifier(DeltaTables.hadoopConf(LogStoreKind.SLUICE, DeltaTables.LocalFs.RAW, access), Emitter.NOOP)
                        .verify(URI.create("s3://tables/nothing-here"), null));
        assertTrue(e.getMessage().contains("has no _delta_log"), e.getMessage());
    }
}
