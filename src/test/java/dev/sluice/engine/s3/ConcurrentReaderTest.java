package dev.sluice.engine.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.Emitter;
import dev.sluice.event.EventEnum;
import dev.sluice.event.S3Event.ClientKind;
import dev.sluice.event.S3Event.Lifecycle;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reader against a real embedded S3Proxy on 127.0.0.1. */
class ConcurrentReaderTest {

    @TempDir
    static Path dir;

    static EmbeddedS3Server server;
    static final SampleDataset DATA = new SampleDataset("sluice-test", 24, 4096, 3 << 20);

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedS3Server.startInBackground(dir.resolve("s3")).get(60, TimeUnit.SECONDS);
        assertTrue(DATA.seed(server));
        assertFalse(DATA.seed(server), "a seeded dataset is not seeded twice");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static ReaderConfig config(ClientKind kind, Lifecycle lifecycle) {
        return new ReaderConfig(ClientOptions.defaults(kind, lifecycle).withApiCallTimeout(Duration.ofSeconds(10)),
                8, 4, 1 << 20, true);
    }

    @ParameterizedTest
    @CsvSource({"netty,shared", "sync,shared", "crt,shared", "netty,per-thread", "sync,per-request"})
    void readsEveryObjectsBytesCorrectly(String kind, String lifecycle) throws Exception {
        S3ClientFactory factory = new S3ClientFactory(server.target(DATA.bucket(), DATA.prefix()), Emitter.NOOP, new ThreadRegistry());
        ReadReport report = new ConcurrentReader(factory, config(EventEnum.byId(ClientKind.class, kind), EventEnum.byId(Lifecycle.class, lifecycle)), Emitter.NOOP)
                .read(r -> { }, () -> false);
        report.leftOpen().forEach(S3ClientHandle::reclaim);
        assertEquals(DATA.objects(), report.objects().size());
        assertEquals(List.of(), report.failures());
        assertEquals(DATA.totalBytes(), report.bytes());
        for (int i = 0; i < DATA.objects(); i++) {
            ObjectResult r = report.objects().get(i);
            assertEquals(DATA.key(i), r.key());
            assertEquals(DATA.size(i), r.bytesRead());
            // whole objects are checked against the server's MD5 ETag; ranged ones by length
            assertEquals(r.parts() == 1 ? "md5" : "length", r.verified(), r.key());
        }
        assertEquals("per-thread".equals(lifecycle), !report.leftOpen().isEmpty());
    }

    @Test
    void wrongSecretIsAClearAuthenticationError() {
        S3Target target = server.target(DATA.bucket(), DATA.prefix());
        S3Target wrong = target.withCredentials(server.credentials().withWrongSecret().provider(), "embedded S3Proxy (wrong secret)");
        S3ClientFactory factory = new S3ClientFactory(wrong, Emitter.NOOP, new ThreadRegistry());
        S3EngineException e = assertThrows(S3EngineException.class,
                () -> new ConcurrentReader(factory, config(ClientKind.NETTY, Lifecycle.SHARED), Emitter.NOOP).read(r -> { }, () -> false));
        assertTrue(e.getMessage().startsWith("authentication failed listing s3://sluice-test/"), e.getMessage());
        assertTrue(e.getMessage().contains("403"), e.getMessage());
        assertFalse(e.getMessage().contains(server.credentials().secret()), "the secret never appears in a message");
    }

    @Test
    void unreachableEndpointFailsFastWithAClearMessage() throws Exception {
        // a port that was just free: nothing listens there
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        S3Target target = new S3Target(URI.create("http://127.0.0.1:" + port), "us-east-1", "b", "p/", true,
                server.credentials().provider(), "http://127.0.0.1:" + port);
        S3ClientFactory factory = new S3ClientFactory(target, Emitter.NOOP, new ThreadRegistry());
        S3EngineException e = assertThrows(S3EngineException.class,
                () -> new ConcurrentReader(factory, config(ClientKind.NETTY, Lifecycle.SHARED), Emitter.NOOP).read(r -> { }, () -> false));
        assertTrue(e.getMessage().startsWith("cannot reach the S3 endpoint http://127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void serverStoppedMidReadReportsEveryFailedObject() throws Exception {
        SampleDataset data = new SampleDataset("sluice-stop", 40, 64 << 10, 2 << 20);
        try (EmbeddedS3Server own = EmbeddedS3Server.start(dir.resolve("s3-stop"))) {
            data.seed(own);
            S3ClientFactory factory = new S3ClientFactory(own.target(data.bucket(), data.prefix()), Emitter.NOOP, new ThreadRegistry());
            List<ObjectResult> seen = new CopyOnWriteArrayList<>();
            AtomicBoolean stopped = new AtomicBoolean();
            ReaderConfig cfg = new ReaderConfig(ClientOptions.defaults(ClientKind.NETTY, Lifecycle.SHARED)
                    .withApiCallTimeout(Duration.ofSeconds(10)), 2, 2, 1 << 20, true);
            ReadReport report = new ConcurrentReader(factory, cfg, Emitter.NOOP).read(r -> {
                seen.add(r);
                if (seen.size() == 5 && stopped.compareAndSet(false, true)) {
                    // stop the server from another thread: the listener runs on a completion thread
                    new Thread(() -> {
                        try {
                            own.close();
                        } catch (S3EngineException ex) {
                            throw new IllegalStateException(ex);
                        }
                    }, "test-stop-server").start();
                }
            }, () -> false);
            assertEquals(data.objects(), report.objects().size(), "every listed object has a result");
            assertEquals(data.objects(), seen.size(), "every object was reported to the listener");
            assertFalse(report.failures().isEmpty(), "objects after the stop failed");
            for (ObjectResult f : report.failures()) {
                assertNotNull(f.error());
                assertTrue(f.error().contains(f.key()), f.error());
            }
            assertEquals(data.objects(), report.objectsOk() + report.failures().size());
        }
    }
}
