package dev.sluice.engine.delta;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A store that ignores If-None-Match is refused before the first commit. S3Proxy 4.1's transient
 * backend honours the header (checked: a probe against it passes), so the store that ignores it is
 * a stub endpoint on 127.0.0.1 that answers every PUT and DELETE with success, as such clones do.
 */
class ConditionalPutRefusalTest {

    @Test
    void storeIgnoringIfNoneMatchIsRefusedWithOneLine() throws Exception {
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("ETag", "\"stub\"");
            exchange.sendResponseHeaders("DELETE".equals(exchange.getRequestMethod()) ? 204 : 200, -1);
            exchange.close();
        });
        stub.start();
        URI endpoint = URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
        try (S3Client s3 = new S3Access(endpoint, "us-east-1", true, StaticCredentialsProvider.create(
                AwsBasicCredentials.create("stub-id", "stub-secret")), "stub").client()) {
            ConditionalWritesUnsupportedException e = assertThrows(ConditionalWritesUnsupportedException.class,
                    () -> ConditionalPutProbe.require(s3, endpoint.toString(), "plain", "t/_delta_log/"));
            String line = e.getMessage();
            assertTrue(line.startsWith("s3://plain/t/_delta_log/ at " + endpoint + ": the store ignores If-None-Match"),
                    line);
            assertTrue(line.contains("delta.logStore=sluice needs conditional writes"), line);
            assertFalse(line.contains("\n"), "one line");
        } finally {
            stub.stop(0);
        }
    }
}
