package dev.sluice.source.deltalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.cli.SluiceCommand;
import dev.sluice.engine.s3.EmbeddedS3Server;
import dev.sluice.engine.s3.ProfiledS3Server;
import dev.sluice.event.DeltaEvent;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code sluice import s3://bucket/prefix --profile NAME} against the embedded S3Proxy on 127.0.0.1:
 * the profile names the endpoint and an AWS profile whose keys sit in this test's AWS credentials
 * file ({@code aws.sharedCredentialsFile}), so they resolve through the SDK as a user's would.
 */
@Timeout(60)
class S3TableImportTest {

    private static final String AWS_PROFILE = "sluice-s3-test";

    @TempDir
    static Path dir;
    private static ProfiledS3Server profiled;
    private static EmbeddedS3Server server;

    @BeforeAll
    static void start() throws Exception {
        profiled = ProfiledS3Server.start(dir, AWS_PROFILE);
        server = profiled.server();
        Files.createDirectories(dir.resolve("blobs/lake"));

        // a table's log, uploaded as a writer would put it, and a second table beside it that must not be read
        HandMadeLog table = new HandMadeLog(dir.resolve("local/orders")).appends(5);
        HandMadeLog other = new HandMadeLog(dir.resolve("local/orders-old")).appends(2);
        try (S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(server.credentials().provider()).build()) {
            upload(s3, table.table(), "tables/orders/");
            upload(s3, other.table(), "tables/orders-old/");
        }
    }

    private static void upload(S3Client s3, Path table, String prefix) throws Exception {
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                s3.putObject(b -> b.bucket("lake").key(prefix + "_delta_log/" + f.getFileName()), RequestBody.fromFile(f));
            }
        }
    }


    @AfterAll
    static void stop() throws Exception {
        profiled.close();
    }

    private record Run(int code, String out, String err) { }

    private static Run sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void importAndCheckReadTheLogThroughTheProfileWithoutAKeyInTheTrace() throws Exception {
        Path trace = dir.resolve("orders.sluice");
        Run imported = sluice("import", "s3://lake/tables/orders", "--profile", "lake", "-o", trace.toString());
        assertEquals(0, imported.code(), imported::err);
        TraceContents contents = TraceReader.readAll(trace);
        assertEquals(6, contents.events().stream().filter(e -> e.body() instanceof DeltaEvent.CommitSucceeded).count());
        assertEquals("s3://lake/tables/orders/", contents.run().settings().get("table"));
        String bytes = new String(Files.readAllBytes(trace), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(server.credentials().provider().resolveCredentials().secretAccessKey()) || bytes.contains(server.credentials().accessKeyId()),
                "no key in the trace");

        Run checked = sluice("check", "s3://lake/tables/orders/_delta_log/", "--profile", "lake");
        assertEquals(0, checked.code(), () -> checked.out() + checked.err());
        assertTrue(checked.out().contains(", 0 finding(s)"), checked::out);
    }

    @Test
    void whatCannotBeReadIsOneLine() {
        Run missing = sluice("check", "s3://lake/tables/none", "--profile", "lake");
        assertEquals(2, missing.code(), missing::out);
        assertEquals(1, missing.err().strip().lines().count(), missing::err);
        assertTrue(missing.err().contains("_delta_log holds no commit file"), missing::err);

        Run noBucket = sluice("check", "s3://absent-bucket/t", "--profile", "lake");
        assertEquals(2, noBucket.code(), noBucket::out);
        assertEquals(1, noBucket.err().strip().lines().count(), noBucket::err);
        assertTrue(noBucket.err().startsWith("sluice check: s3://absent-bucket/t (" + server.endpoint() + ", AWS profile '"
                + AWS_PROFILE + "'): cannot list _delta_log: "), noBucket::err);

        Run unknown = sluice("check", "s3://lake/tables/orders", "--profile", "nosuch");
        assertTrue(unknown.err().strip().startsWith("sluice check: s3://lake/tables/orders: --profile nosuch: no such profile in "),
                unknown::err);
        Run local = sluice("check", dir.toString(), "--profile", "lake");
        assertEquals("sluice check: " + dir + ": --profile applies to s3:// Delta tables only (give s3://bucket/path/to/table)",
                local.err().strip());
    }
}
