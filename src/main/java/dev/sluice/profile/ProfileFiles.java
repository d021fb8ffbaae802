package dev.sluice.profile;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where {@code profiles.toml} lives: {@code $SLUICE_CONFIG}, else the platform's config directory. */
public final class ProfileFiles {

    public static final String FILE_NAME = "profiles.toml";

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
