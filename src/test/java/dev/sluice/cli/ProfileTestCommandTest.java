package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `sluice profiles test NAME`: the built-in profile passes on the embedded servers; a dead endpoint fails with a fix. */
@Timeout(90)
class ProfileTestCommandTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedProfilePasses() {
        CliRun run = CliRun.sluice("profiles", "--file", dir.resolve("none.toml").toString(), "test", "embedded");
        assertEquals(0, run.code(), run.out() + run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("testing profile embedded (the embedded servers)", lines.get(0));
        assertTrue(lines.stream().filter(l -> l.startsWith("PASS")).count() >= 6, run.out());
        assertEquals("6 checks: 6 passed, 0 failed", lines.get(lines.size() - 1));
        assertTrue(run.err().contains("... s3 endpoint embedded S3Proxy: starting the embedded S3Proxy"),
                "a progress line for the slow start: " + run.err());
    }

    @Test
    void aDeadEndpointFailsWithWhatToFixAndExitOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path file = Files.writeString(dir.resolve("profiles.toml"), """
                [profiles.dead.flight]
                endpoints = ["grpc+tcp://127.0.0.1:%d"]
                """.formatted(port));
        CliRun run = CliRun.sluice("profiles", "--file", file.toString(), "test", "dead");
        assertEquals(1, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("FAIL    flight connect  grpc+tcp://127.0.0.1:" + port + ": connection refused at"
                + " 127.0.0.1:" + port + " — fix: correct flight.endpoints"), run.out());
        assertTrue(run.out().strip().endsWith("3 checks: 0 passed, 1 failed, 2 not tried"), run.out());

        CliRun unknown = CliRun.sluice("profiles", "--file", file.toString(), "test", "prod");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().strip().endsWith("known: embedded, dead"), unknown.err());
    }
}
