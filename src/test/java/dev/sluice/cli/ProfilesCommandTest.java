package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
