package dev.sluice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.profile.CheckResult;
import dev.sluice.ui.status.ServersState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launch check of the embedded servers: the real S3Proxy and Flight server on 127.0.0.1. */
class EmbeddedServersTest {

    /** Runs {@code servers}' check; every state it passes through, the last one done. */
    private static List<ServersState> states(EmbeddedServers servers) throws Exception {
        List<ServersState> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<ServersState> done = new CompletableFuture<>();
        servers.stateProperty().addListener((obs, old, now) -> {
            seen.add(now);
            if (now.phase() == ServersState.Phase.READY || now.phase() == ServersState.Phase.FAILED) {
                done.complete(now);
            }
        });
        try {
            servers.check();
            done.get(60, TimeUnit.SECONDS);
        } finally {
            servers.stop();
        }
        return seen;
    }

    @Test
    void theEmbeddedServersStartAndAnswerSoTheStatusSaysReadyAfterSayingStarting() throws Exception {
        List<ServersState> seen = states(EmbeddedServers.standard(Runnable::run));
        assertEquals(ServersState.Phase.STARTING, seen.get(0).phase(), "the first frame says starting: " + seen);
        assertTrue(seen.stream().anyMatch(s -> s.detail().contains("S3Proxy")), "progress names what starts: " + seen);
        ServersState last = seen.get(seen.size() - 1);
        assertEquals(ServersState.Phase.READY, last.phase(), last.detail());
        assertEquals("embedded S3 and Flight: ready", last.text());
        assertTrue(last.detail().contains("s3 bucket") && last.detail().contains("flight answer"),
                "the tooltip lists each check: " + last.detail());
    }

    @Test
    void aCheckThatFailsSaysWhichServerAndWhyNeverReady() throws Exception {
        CheckResult refused = new CheckResult(CheckResult.Check.FLIGHT_CONNECT, "embedded Flight server",
                CheckResult.Status.FAIL, "does not start: Address already in use", "test again");
        ServersState last = lastOf(new EmbeddedServers(Runnable::run, listener -> List.of(refused)));
        assertEquals(ServersState.Phase.FAILED, last.phase());
        assertEquals("embedded Flight server failed: does not start: Address already in use", last.text());
        assertTrue(last.detail().contains("fix: test again"), last.detail());
    }

    @Test
    void aCheckThatThrowsIsAFailureWithItsMessage() throws Exception {
        ServersState last = lastOf(new EmbeddedServers(Runnable::run, listener -> {
            throw new IllegalStateException("no temporary directory");
        }));
        assertEquals(ServersState.Phase.FAILED, last.phase());
        assertTrue(last.text().endsWith("IllegalStateException: no temporary directory"), last.text());
    }

    @Test
    void aMissingLibraryIsAFailureNotStartingForEver() throws Exception {
        // what a class path without S3Proxy's jar gives: an Error, not an exception
        ServersState last = lastOf(new EmbeddedServers(Runnable::run, listener -> {
            throw new NoClassDefFoundError("org/gaul/s3proxy/BlobStores");
        }));
        assertEquals(ServersState.Phase.FAILED, last.phase());
        assertTrue(last.text().endsWith("NoClassDefFoundError: org/gaul/s3proxy/BlobStores"), last.text());
    }

    private static ServersState lastOf(EmbeddedServers servers) throws Exception {
        List<ServersState> seen = states(servers);
        return seen.get(seen.size() - 1);
    }
}
