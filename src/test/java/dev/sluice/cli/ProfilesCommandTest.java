package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.AppEvent;
import dev.sluice.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sluice profiles list|show`: what a profile file holds, and a refused file in one line. */
class ProfilesCommandTest {

    @TempDir
    Path dir;

    @Test
    void listsTheBuiltInProfileThenTheFilesAndShowsOne() throws Exception {
        Path file = Files.writeString(dir.resolve("profiles.toml"), """
                [profiles.minio]
                description = "MinIO on this laptop"
                [profiles.minio.s3]
                endpoint = "http://127.0.0.1:9000"
                path-style = true
                """);
        CliRun list = CliRun.sluice("profiles", "--file", file.toString(), "list");
        assertEquals(0, list.code(), list.err());
        assertEquals(3, list.out().lines().count(), list.out());
        assertTrue(list.out().lines().skip(1).findFirst().orElseThrow().startsWith("embedded "), list.out());
        assertTrue(list.out().contains("minio") && list.out().contains("MinIO on this laptop"), list.out());

        CliRun show = CliRun.sluice("profiles", "--file", file.toString(), "show", "minio");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("s3.endpoint") && show.out().contains("http://127.0.0.1:9000")
                && show.out().contains("(--set s3.endpoint)"), show.out());

        CliRun missing = CliRun.sluice("profiles", "--file", file.toString(), "show", "prod");
        assertEquals(2, missing.code());
        assertTrue(missing.err().strip().endsWith("known: embedded, minio"), missing.err());
    }

    @Test
    void aFileWithASecretIsRefusedNamingTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve("profiles.toml"), """
                [profiles.leaky.s3]
                aws-profile = "AKIAIOSFODNN7EXAMPLE"
                """);
        CliRun list = CliRun.sluice("profiles", "--file", file.toString());
        assertEquals(2, list.code());
        assertEquals(1, list.err().strip().lines().count(), list.err());
        assertTrue(list.err().startsWith("sluice profiles: " + file + ":2: this line looks like it holds a secret"), list.err());
        assertTrue(!list.err().contains("AKIA"), "the secret itself is never echoed");
    }

    @Test
    void runAppliesAProfileUnderTheSetsAndRecordsItsName() throws Exception {
        Path file = Files.writeString(dir.resolve("profiles.toml"), """
                [profiles.dead.s3]
                endpoint = "http://127.0.0.1:1"
                [profiles.dead.flight]
                endpoints = ["grpc+tcp://127.0.0.1:1"]
                """);
        String saved = System.getProperty("sluice.config");
        System.setProperty("sluice.config", file.toString());
        try {
            CliRun s3 = CliRun.sluice("run", "s3-shared-client", "--profile", "dead", "--data-dir", dir.resolve("d").toString());
            assertEquals(2, s3.code(), s3.out());
            assertTrue(s3.err().contains("s3.endpoint=http://127.0.0.1:1: the endpoint cannot be reached"), s3.err());

            CliRun explicit = CliRun.sluice("run", "s3-shared-client", "--profile", "dead",
                    "--set", "s3.endpoint=http://127.0.0.1:2", "--data-dir", dir.resolve("d").toString());
            assertTrue(explicit.err().contains("s3.endpoint=http://127.0.0.1:2:"), "--set wins: " + explicit.err());

            Path trace = dir.resolve("demo.sluice");
            CliRun demo = CliRun.sluice("run", "demo", "--profile", "dead", "--record", trace.toString(),
                    "--set", "demo.requests=5", "--data-dir", dir.resolve("d").toString());
            assertEquals(0, demo.code(), demo.err());
            assertTrue(TraceReader.readAll(trace).events().stream().anyMatch(e -> e.body() instanceof AppEvent.Note n
                    && n.text().equals("connection profile: dead")), "the trace names the profile");

            CliRun unknown = CliRun.sluice("run", "demo", "--profile", "prod");
            assertEquals(2, unknown.code());
            assertTrue(unknown.err().strip().endsWith("known: embedded, dead"), unknown.err());
        } finally {
            if (saved == null) {
                System.clearProperty("sluice.config");
            } else {
                System.setProperty("sluice.config", saved);
            }
        }
    }
}
