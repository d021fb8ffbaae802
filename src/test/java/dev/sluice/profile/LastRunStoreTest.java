package dev.sluice.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.scenario.s3.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's last-run.toml: round trip, secrets left out on save and refused on load, damage in one line. */
class LastRunStoreTest {

    @TempDir
    Path dir;

    private LastRunStore store() {
        return new LastRunStore(dir.resolve("sub").resolve(ProfileFiles.LAST_RUN_FILE_NAME));
    }

    @Test
    void whatIsSavedLoadsBackAndNoFileMeansNothingRemembered() throws Exception {
        LastRunStore store = store();
        assertEquals(LastRun.NONE, store.load());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("s3.concurrency", "32");
        settings.put("s3.prefix", "events/\"2026\"/");
        LastRun run = new LastRun("s3-shared-client", "staging", settings);
        assertEquals(List.of(), store.save(run));
        assertEquals(run, store.load());
        assertFalse(store.loadOrNone().damaged());
    }

    @Test
    void aSecretIsLeftOutOnSaveAndNamed() throws Exception {
        LastRunStore store = store();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("s3.concurrency", "8");
        settings.put("flight.token", "abc");
        settings.put("s3.endpoint", "http://AKIAIOSFODNN7EXAMPLE@127.0.0.1:9000");
        assertEquals(List.of("flight.token", "s3.endpoint"), store.save(new LastRun("demo", "", settings)));
        String text = Files.readString(store.file());
        assertFalse(text.contains("AKIA") || text.contains("token"), text);
        assertEquals(Map.of("s3.concurrency", "8"), store.load().settings());
    }

    @Test
    void aFileHoldingASecretIsRefusedNamingItsLine() throws Exception {
        LastRunStore store = store();
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), "scenario = \"demo\"\n[settings]\n\"s3.profile\" = \"AKIAIOSFODNN7EXAMPLE\"\n");
        ProfileException e = assertThrows(ProfileException.class, store::load);
        assertTrue(e.getMessage().startsWith(store.file() + ":3: this line looks like it holds a secret; the console"
                + " remembers"), e.getMessage());
        assertFalse(e.getMessage().contains("AKIA"));
    }

    @Test
    void aDamagedFileIsOneLineAndTheConsoleStartsOnTheDefaults() throws Exception {
        LastRunStore store = store();
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), "scenario = \"demo\"\nprofile = [1, \n");
        LastRunStore.Loaded loaded = store.loadOrNone();
        assertTrue(loaded.damaged());
        assertEquals(LastRun.NONE, loaded.lastRun());
        assertEquals(1, loaded.problem().lines().count(), loaded.problem());
        assertTrue(loaded.problem().startsWith(store.file() + ":"), loaded.problem());
        assertTrue(loaded.problem().endsWith("; starting with the defaults"), loaded.problem());

        Files.writeString(store.file(), "scenario = \"demo\"\nwindow = 3\n");
        assertEquals(store.file() + ":2: unknown key 'window'; the file holds scenario = \"NAME\", profile = \"NAME\" and a"
                + " [settings] table of texts; starting with the defaults", store.loadOrNone().problem());
    }

    @Test
    void onlySettingsTheScenarioStillDeclaresAndAcceptsAreRestored() {
        LastRun run = new LastRun("s3-shared-client", "", Map.of("s3.concurrency", "32", "s3.threads", "100000",
                "s3.gone", "1"));
        assertEquals(Map.of("s3.concurrency", "32"), run.settingsFor(List.of(S3Settings.CONCURRENCY, S3Settings.THREADS)));
    }

    @Test
    void theFileLivesBesideTheProfileFile() {
        String saved = System.getProperty("sluice.config");
        System.setProperty("sluice.config", dir.resolve("conf").resolve("profiles.toml").toString());
        try {
            assertEquals(dir.resolve("conf").resolve("last-run.toml"), LastRunStore.user().file());
        } finally {
            if (saved == null) {
                System.clearProperty("sluice.config");
            } else {
                System.setProperty("sluice.config", saved);
            }
        }
    }
}
