package dev.sluice.engine.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3Proxy in this process on 127.0.0.1 and a free port, storing buckets as files under a base
 * directory, with real SigV4 authentication against credentials generated for this start.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3Server.class);
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private final S3Proxy proxy;
    private final BlobStore store;
    private final S3Credentials credentials;
    private final URI endpoint;
    private final Path baseDir;

    private EmbeddedS3Server(S3Proxy proxy, BlobStore store, S3Credentials credentials, URI endpoint, Path baseDir) {
        this.proxy = proxy;
        this.store = store;
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.baseDir = baseDir;
    }

    /** Starts a server whose buckets are directories under {@code baseDir}; waits until it serves. */
    public static EmbeddedS3Server start(Path baseDir) throws S3EngineException {
        try {
            Files.createDirectories(baseDir);
        } catch (IOException e) {
            throw new S3EngineException("cannot create the embedded S3 data directory " + baseDir + ": " + e.getMessage(), e);
        }
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", baseDir.toAbsolutePath().toString());
        S3Credentials credentials = S3Credentials.generate();
        BlobStore store = BlobStores.create("filesystem", props);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.accessKeyId(), credentials.secret())
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new S3EngineException("embedded S3Proxy did not start within " + START_TIMEOUT_MILLIS
                            + " ms (state " + proxy.getState() + ")");
                }
                Thread.sleep(10);
            }
        } catch (S3EngineException e) {
            stopQuietly(proxy);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(proxy);
            throw new S3EngineException("interrupted while starting the embedded S3Proxy", e);
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new S3EngineException("embedded S3Proxy failed to start on 127.0.0.1: " + e.getMessage(), e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        LOG.info("embedded S3Proxy serving {} from {}", endpoint, baseDir);
        return new EmbeddedS3Server(proxy, store, credentials, endpoint, baseDir);
    }

    /**
     * Starts on a thread of its own so a caller (the console's first frame) never waits for the
     * ~2 s cold start; the future fails with {@link S3EngineException} when the server cannot start.
     */
    public static CompletableFuture<EmbeddedS3Server> startInBackground(Path baseDir) {
        CompletableFuture<EmbeddedS3Server> started = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                started.complete(start(baseDir));
            } catch (S3EngineException | RuntimeException e) {
                started.completeExceptionally(e);
            }
        }, "embedded-s3-start");
        t.setDaemon(true);
        t.start();
        return started;
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("embedded S3Proxy did not stop cleanly after a failed start", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public S3Credentials credentials() {
        return credentials;
    }

    public Path baseDir() {
        return baseDir;
    }

    /** The storage behind the server, for seeding without going through HTTP. */
    BlobStore store() {
        return store;
    }

    /** A target for {@code bucket/prefix} on this server with its generated credentials. */
    public S3Target target(String bucket, String prefix) {
        return new S3Target(endpoint, "us-east-1", bucket, prefix, true, credentials.provider(),
                "embedded S3Proxy " + endpoint);
    }

    public boolean running() {
        return "STARTED".equals(proxy.getState());
    }

    /** Stops serving (idempotent). */
    @Override
    public void close() throws S3EngineException {
        if ("STOPPED".equals(proxy.getState())) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new S3EngineException("embedded S3Proxy at " + endpoint + " did not stop: " + e.getMessage(), e);
        }
    }
}
