package dev.sluice.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {

    @TempDir
    Path dir;

    private static final String STAGING = """
            # staging cluster
            [profiles.staging]
            description = "eu-west-1 staging lake"

            [profiles.staging.s3]
            endpoint = "https://s3.eu-west-1.amazonaws.com"
            region = "eu-west-1"
            aws-profile = "staging-readonly"
            bucket = "lake-staging"
            prefix = "events/2026/"
            path-style = false

            [profiles.staging.flight]
            endpoints = ["grpc+tls://shuffle-1.staging:8815", "grpc+tls://shuffle-2.staging:8815"]
            auth = "bearer"
            auth-env = "STAGING_FLIGHT_TOKEN"
            """;

    private Path file(String text) throws Exception {
        return Files.writeString(dir.resolve("profiles.toml"), text);
    }

    private String refusal(String text) throws Exception {
        Path f = file(text);
        ProfileException e = assertThrows(ProfileException.class, () -> new ProfileStore(f).load());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
        return e.getMessage().substring(f.toString().length());
    }

    @Test
    void noFileMeansOnlyTheBuiltInProfile() throws Exception {
        List<Profile> profiles = new ProfileStore(dir.resolve("none.toml")).load();
        assertEquals(List.of(Profile.embedded()), profiles);
        assertTrue(profiles.get(0).overrides().isEmpty(), "embedded is today's defaults");
    }

    @Test
    void aProfileBecomesTheSettingOverridesItStandsFor() throws Exception {
        Profile staging = new ProfileStore(file(STAGING)).find("staging").orElseThrow();
        assertEquals("eu-west-1 staging lake", staging.description());
        assertEquals(Map.of("s3.endpoint", "https://s3.eu-west-1.amazonaws.com", "s3.region", "eu-west-1",
                "s3.profile", "staging-readonly", "s3.bucket", "lake-staging", "s3.prefix", "events/2026/",
                "s3.path-style", "false",
                "flight.endpoints", "grpc+tls://shuffle-1.staging:8815,grpc+tls://shuffle-2.staging:8815",
                "flight.auth", "bearer", "flight.authEnv", "STAGING_FLIGHT_TOKEN"), staging.overrides());
    }

    @Test
    void savedProfilesReadBackTheSame() throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("sub/dir/profiles.toml"));
        Profile staging = new ProfileStore(file(STAGING)).find("staging").orElseThrow();
        Profile local = new Profile("minio \"local\"".replace(" \"local\"", "-local"), "MinIO on my laptop \"dev\"",
                Map.of(ProfileField.S3_ENDPOINT, "http://127.0.0.1:9000", ProfileField.S3_PATH_STYLE, "true"));
        store.save(List.of(Profile.embedded(), staging, local));
        assertEquals(List.of(Profile.embedded(), staging, local), store.load());
        assertFalse(Files.readString(store.file()).contains("[profiles.embedded"), "the built-in profile is never written");
    }

    @Test
    void aValueTheSettingRefusesNamesTheLineAndWhatIsAccepted() throws Exception {
        String message = refusal(STAGING.replace("region = \"eu-west-1\"", "region = \"\""));
        assertTrue(message.startsWith(":7: profiles.staging.s3.region (s3.region): "), message);
        message = refusal(STAGING.replace("\"grpc+tls://shuffle-2.staging:8815\"", "\"http://shuffle-2\""));
        assertTrue(message.startsWith(":14: profiles.staging.flight.endpoints (flight.endpoints): "), message);
    }

    @Test
    void anUnknownKeyNamesItsLineAndTheKnownKeys() throws Exception {
        String message = refusal(STAGING.replace("bucket = ", "buckt = "));
        assertTrue(message.startsWith(":9: profiles.staging.s3.buckt: unknown key; known: s3.endpoint"), message);
        assertTrue(refusal("[other]\nx = 1\n").startsWith(":1: unknown table or key 'other'"));
    }

    @Test
    void aSecretIsRefusedOnLoadWhereverItWasTyped() throws Exception {
        assertTrue(refusal(STAGING.replace("aws-profile = \"staging-readonly\"",
                "aws-profile = \"AKIAIOSFODNN7EXAMPLE\"")).startsWith(":8: this line looks like it holds a secret"));
        assertTrue(refusal(STAGING.replace("auth-env = \"STAGING_FLIGHT_TOKEN\"",
                "secret-key = \"x\"")).startsWith(":16: 'secret-key' names a secret"));
        assertTrue(refusal(STAGING.replace("# staging cluster",
                "# token ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5")).startsWith(":1: this line looks like it holds a secret"));
    }

    @Test
    void aSecretIsRefusedOnSaveAndNothingIsWritten() throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("profiles.toml"));
        Profile leaky = new Profile("leaky", "", Map.of(ProfileField.S3_PREFIX, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        ProfileException e = assertThrows(ProfileException.class, () -> store.save(List.of(leaky)));
        assertTrue(e.getMessage().contains("not saved: profiles.leaky.s3.prefix looks like a secret"), e.getMessage());
        assertFalse(Files.exists(store.file()));
    }

    @Test
    void theBuiltInProfileCannotBeRedefined() throws Exception {
        assertTrue(refusal("[profiles.embedded.s3]\nregion = \"x\"\n").startsWith(":1: [profiles.embedded]: 'embedded' is"));
    }

    @Test
    void brokenTomlNamesTheLine() throws Exception {
        String message = refusal(STAGING.replace("bucket = \"lake-staging\"", "bucket = \"lake-staging"));
        assertTrue(message.startsWith(":9: not valid TOML"), message);
    }

    @Test
    void theFileLivesInThePlatformsConfigDirectoryUnlessSluiceConfigSaysOtherwise() {
        assertEquals(Path.of("/tmp/p.toml"), ProfileFiles.userFile(Map.of("SLUICE_CONFIG", "/tmp/p.toml"), "Linux", "/home/a"));
        assertEquals(Path.of("/x/sluice/profiles.toml"), ProfileFiles.userFile(Map.of("XDG_CONFIG_HOME", "/x"), "Linux", "/home/a"));
        assertEquals(Path.of("/home/a/.config/sluice/profiles.toml"), ProfileFiles.userFile(Map.of(), "Linux", "/home/a"));
        assertEquals(Path.of("/Users/a/Library/Application Support/Sluice/profiles.toml"),
                ProfileFiles.userFile(Map.of(), "Mac OS X", "/Users/a"));
        assertEquals(Path.of("C:/Users/a/AppData/Roaming", "Sluice", "profiles.toml"),
                ProfileFiles.userFile(Map.of("APPDATA", "C:/Users/a/AppData/Roaming"), "Windows 11", "C:/Users/a"));
    }

    @Test
    void aSecretInADescriptionOrATwiceUsedNameIsNotSavedAndTheFileIsUntouched() throws Exception {
        Path f = file(STAGING);
        ProfileStore store = new ProfileStore(f);
        ProfileException secret = assertThrows(ProfileException.class, () -> store.save(List.of(new Profile("x",
                "key AKIAIOSFODNN7EXAMPLE", Map.of()))));
        assertTrue(secret.getMessage().startsWith(f + ": not saved: the description of profiles.x looks like a secret"),
                secret.getMessage());
        ProfileException twice = assertThrows(ProfileException.class, () -> store.save(List.of(new Profile("x", "", Map.of()),
                new Profile("x", "", Map.of()))));
        assertEquals(f + ": not saved: two profiles are named 'x'; rename one", twice.getMessage());
        assertEquals(STAGING, Files.readString(f));
    }

    @Test
    void aDeltaTableIsAPartOfItsOwnAndStandsForTheVerifyTable() throws Exception {
        Path table = Files.createDirectories(dir.resolve("orders"));
        Path f = file("[profiles.lake.delta]\ntable = \"" + table + "\"\n");
        ProfileStore store = new ProfileStore(f);
        Profile lake = store.find("lake").orElseThrow();
        assertEquals(Map.of("delta.verify.table", table.toString()), lake.overrides());
        store.save(store.load());
        assertEquals(lake, store.find("lake").orElseThrow());
        assertTrue(Files.readString(f).contains("[profiles.lake.delta]\ntable = "), Files.readString(f));
    }
}
