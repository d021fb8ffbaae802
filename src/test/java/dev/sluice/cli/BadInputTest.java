package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input of {@code sluice run} seen in issue 9: refused before anything starts, exit 2, one
 * line on stderr naming the key, the value and what is accepted, no stack trace, no trace file and
 * no data directory.
 */
class BadInputTest {

    @TempDir
    Path dir;

    /** Runs {@code scenario} with {@code options} recording into the temp dir; asserts the refusal; returns its line. */
    private String refused(String scenario, String... options) {
        Path trace = dir.resolve("run.sluice");
        Path data = dir.resolve("data");
        List<String> args = new ArrayList<>(List.of("run", scenario, "--record", trace.toString(), "--data-dir", data.toString()));
        args.addAll(List.of(options));
        CliRun o = CliRun.sluice(args.toArray(String[]::new));
        assertEquals(2, o.code(), o.err() + o.out());
        assertEquals("", o.out(), "nothing ran, so nothing is reported on stdout");
        List<String> lines = o.err().lines().toList();
        assertEquals(1, lines.size(), o.err());
        String line = lines.get(0);
        assertFalse(line.contains("Exception") || line.contains("\tat ") || line.contains("null"), line);
        assertFalse(Files.exists(trace), "no trace was opened");
        assertFalse(Files.exists(data), "nothing was started (no data directory)");
        return line;
    }

    @Test
    void demoRequestsBelowOne() {
        assertEquals("sluice run demo: demo.requests=-5: must be a whole number from 1 to 100000",
                refused("demo", "--set", "demo.requests=-5"));
    }

    @Test
    void flightBatchSizeNegative() {
        assertEquals("sluice run flight-drain: flight.batchSize=-1: must be a size from 1KiB to 64MiB (bytes, or with KiB, MiB or GiB)",
                refused("flight-drain", "--set", "flight.batchSize=-1"));
    }

    @Test
    void s3ConcurrencyOfAMillion() {
        assertEquals("sluice run s3-shared-client: s3.concurrency=1000000: must be a whole number from 1 to 4096",
                refused("s3-shared-client", "--set", "s3.concurrency=1000000"));
    }

    @Test
    void deltaWritersOfTenThousand() {
        assertEquals("sluice run delta-first-writer: delta.writers=10000: must be a whole number from 1 to 64",
                refused("delta-first-writer", "--set", "delta.writers=10000"));
    }

    @Test
    void flightWindowThatOverflowsAnInt() {
        String line = refused("flight-drain", "--set", "flight.window=99999999999");
        assertEquals("sluice run flight-drain: flight.window=99999999999: must be a size from 65535 to 1GiB "
                + "(bytes, or with KiB, MiB or GiB)", line);
        assertFalse(line.contains("1215752191"), line);
    }

    @Test
    void flightServersZero() {
        assertEquals("sluice run flight-drain: flight.servers=0: must be a whole number from 1 to 64",
                refused("flight-drain", "--set", "flight.servers=0"));
    }

    @Test
    void s3EndpointThatIsNotAUrl() {
        assertEquals("sluice run s3-shared-client: s3.endpoint=notaurl: must be a URI with scheme http:// or https:// "
                + "and a host, like http://127.0.0.1:9000", refused("s3-shared-client", "--set", "s3.endpoint=notaurl"));
    }

    @Test
    void s3EndpointThatRefusesConnections() {
        String line = refused("s3-shared-client", "--set", "s3.endpoint=http://127.0.0.1:1");
        assertEquals("sluice run s3-shared-client: s3.endpoint=http://127.0.0.1:1: the endpoint cannot be reached: "
                + "connection refused at 127.0.0.1:1", line);
        assertFalse(line.toLowerCase(Locale.ROOT).contains("credential"), line);
    }

    @Test
    void negativeTimeout() {
        assertEquals("sluice run demo: --timeout -1: must be a whole number of seconds from 1 to 86400",
                refused("demo", "--timeout", "-1"));
    }

    @Test
    void recordIntoAMissingDirectory() {
        Path missing = dir.resolve("no-such-dir").resolve("run.sluice");
        CliRun o = CliRun.sluice("run", "demo", "--record", missing.toString(), "--data-dir", dir.resolve("data").toString());
        assertEquals(2, o.code(), o.err());
        assertEquals("", o.out(), "no 'recorded to' line for a run that never started");
        assertEquals(List.of("sluice run demo: cannot record to " + missing + ": the directory " + missing.getParent()
                + " does not exist"), o.err().lines().toList());
        assertFalse(Files.exists(dir.resolve("data")));
    }

    @Test
    void recordOntoADirectory() {
        CliRun o = CliRun.sluice("run", "demo", "--record", dir.toString(), "--data-dir", dir.resolve("data").toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().startsWith("sluice run demo: cannot record to " + dir + ": it is a directory"), o.err());
    }

    @Test
    void userInfoInAnS3EndpointIsRefusedAndNeverEchoed() {
        String key = "AKIAIOSFODNN7EXAMPLE";
        String secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";
        String line = refused("s3-shared-client", "--set", "s3.endpoint=http://" + key + ":" + secret + "@127.0.0.1:18181");
        assertTrue(line.startsWith("sluice run s3-shared-client: s3.endpoint=http://<redacted>@127.0.0.1:18181: "
                + "user info (user:secret@) is not accepted"), line);
        assertTrue(line.contains("s3.profile") && line.contains("flight.authEnv"), line);
        assertFalse(line.contains(key) || line.contains(secret), line);
    }

    @Test
    void userInfoInFlightEndpointsIsRefused() {
        String line = refused("flight-staging", "--set", "flight.endpoints=grpc+tcp://user:s3cretToken@127.0.0.1:8815");
        assertTrue(line.contains("flight.endpoints=grpc+tcp://<redacted>@127.0.0.1:8815"), line);
        assertTrue(line.contains("user info (user:secret@) is not accepted"), line);
        assertFalse(line.contains("s3cretToken"), line);
    }

    @Test
    void aTokenPastedIntoFlightAuthEnvIsRefused() {
        String token = "ghp_a8Kd93LmQz7Xw2Pn5Rt6Yv1Bc4Ef0GhIjK";
        String line = refused("flight-staging", "--set", "flight.endpoints=grpc+tcp://127.0.0.1:8815",
                "--set", "flight.auth=bearer", "--set", "flight.authEnv=" + token);
        assertTrue(line.startsWith("sluice run flight-staging: flight.authEnv=<redacted>: looks like a credential, not a name"),
                line);
        assertFalse(line.contains(token), line);
    }

    @Test
    void aMissingRequiredSettingSaysWhatToGive() {
        assertTrue(refused("delta-verify").startsWith("sluice run delta-verify: delta.verify.table is not set: it must be "
                + "an existing directory"));
    }

    @Test
    void crossSettingConflictsAreRefusedBeforeTheRun() {
        assertEquals("sluice run s3-foreign-close: s3.client=sync: s3-foreign-close shows Netty event loops, so it needs "
                + "s3.client=netty", refused("s3-foreign-close", "--set", "s3.client=sync"));
        assertEquals("sluice run s3-shared-client: s3.dataset.min-size=2MiB: must not be larger than s3.dataset.max-size=1MiB",
                refused("s3-shared-client", "--set", "s3.dataset.min-size=2MiB", "--set", "s3.dataset.max-size=1MiB"));
    }

    @Test
    void badOptionsAreOneLineToo() {
        CliRun format = CliRun.sluice("run", "demo", "--format", "xml");
        assertEquals(2, format.code());
        assertEquals(1, format.err().lines().count(), format.err());
        assertTrue(format.err().contains("--format") && format.err().contains("xml"), format.err());
        CliRun assignment = CliRun.sluice("run", "demo", "--set", "novalue", "--data-dir", dir.resolve("data").toString());
        assertEquals(2, assignment.code());
        assertEquals(List.of("sluice run demo: expected key=value, got 'novalue'"), assignment.err().lines().toList());
    }
}
