package dev.sluice.profile;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * Where {@code profiles.toml} lives ({@code $SLUICE_CONFIG}, else the platform's config directory)
 * and the console's {@code last-run.toml} beside it; how both are written.
 */
public final class ProfileFiles {

    public static final String FILE_NAME = "profiles.toml";
    public static final String LAST_RUN_FILE_NAME = "last-run.toml";

    private ProfileFiles() {
    }

    /** The profile file of this user on this machine ({@code -Dsluice.config} stands for {@code $SLUICE_CONFIG}). */
    public static Path userFile() {
        String property = System.getProperty("sluice.config");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return userFile(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    /** The console's memory of the last run: {@code last-run.toml} in the directory of {@link #userFile()}. */
    public static Path lastRunFile() {
        return userFile().toAbsolutePath().resolveSibling(LAST_RUN_FILE_NAME);
    }

    /** Replaces {@code file} with {@code text} at once (a temporary file moved over it), creating its directory. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static Path userFile(Map<String, String> env, String osName, String home) {
        String explicit = env.get("SLUICE_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return Path.of(appData != null && !appData.isBlank() ? appData : home, "Sluice", FILE_NAME);
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Sluice", FILE_NAME);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return Path.of(xdg != null && !xdg.isBlank() ? xdg : home + "/.config", "sluice", FILE_NAME);
    }
}
