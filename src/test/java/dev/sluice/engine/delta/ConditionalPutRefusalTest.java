package dev.sluice.engine.delta;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.Emitter;
import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** A store that does not honour If-None-Match (S3Proxy's transient backend) is refused before the first commit. */
class ConditionalPutRefusalTest {

    @Test
    void storeWithoutConditionalPutsIsRefusedWithOneLine() throws Exception {
        S3Proxy proxy = S3Proxy.builder().blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "probe-id", "probe-secret-for-a-test").build();
        proxy.start();
        try {
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
            URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
            S3Access access = new S3Access(endpoint, "us-east-1", true, StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("probe-id", "probe-secret-for-a-test")), "transient S3Proxy");
            access.ensureBucket("plain");
            URI table = URI.create("s3://plain/t");
            DeltaTables tables = new DeltaTables(LogStoreKind.SLUICE, DeltaTables.LocalFs.RAW, access, Emitter.NOOP);
            TableWriter writer = new TableWriter(tables.sharedLog(table, "w"), table, "w", Emitter.NOOP, 4, tables.conf());
            Exception e = assertThrows(Exception.class, writer::createTable);
            Throwable cause = e;
            while (cause != null && !(cause instanceof ConditionalWritesUnsupportedException)) {
                cause = cause.getCause();
            }
            assertTrue(cause != null, () -> "refused for another reason: " + e);
            String line = cause.getMessage();
            assertTrue(line.startsWith("s3://plain/t/_delta_log/ at " + endpoint + ": the store "), line);
            assertTrue(line.contains("delta.logStore=sluice needs conditional writes"), line);
            assertTrue(!line.contains("\n"), "one line");
        } finally {
            proxy.stop();
        }
    }
}
