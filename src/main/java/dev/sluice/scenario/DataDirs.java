package dev.sluice.scenario;

import java.nio.file.Path;
import java.util.Locale;

/** Where Sluice keeps its files on this machine (embedded S3 data, tables, recordings). */
public final class DataDirs {

    private DataDirs() {
    }

    /** The per-user data directory: {@code $SLUICE_HOME}, else the platform's usual place. */
    public static Path userDataDir() {
        String explicit = System.getenv("SLUICE_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = System.getenv("LOCALAPPDATA");
            return Path.of(appData != null ? appData : home, "Sluice");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Sluice");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return Path.of(xdg != null && !xdg.isBlank() ? xdg : home + "/.local/share", "sluice");
    }
}
