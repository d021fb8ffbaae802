package dev.sluice.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.scenario.Secrets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code last-run.toml}: the console's last scenario, profile and settings. Like
 * the profile file it never holds a secret: a setting whose key or value looks like one is left
 * out on save (and named), and a file that holds one is refused on load, naming the line. A
 * damaged file is one line of error; {@link #loadOrNone()} turns that into a start on the defaults.
 */
public final class LastRunStore {

    private static final String SCENARIO = "scenario";
    private static final String PROFILE = "profile";
    private static final String SETTINGS = "settings";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String NAMES_ONLY = "the console remembers scenario, profile and setting values, never a"
            + " secret — delete the line (or the file) and keep the secret in an AWS profile or an environment variable";

    /** What {@link #loadOrNone()} found: the last run, or {@link LastRun#NONE} and the one line saying why. */
    public record Loaded(LastRun lastRun, String problem) {
        public boolean damaged() {
            return !problem.isEmpty();
        }
    }

    private final Path file;

    public LastRunStore(Path file) {
        this.file = file;
    }

    /** The store beside this user's profile file. */
    public static LastRunStore user() {
        return new LastRunStore(ProfileFiles.lastRunFile());
    }

    public Path file() {
        return file;
    }

    /** The last run; {@link LastRun#NONE} without a file. */
    public LastRun load() throws ProfileException {
        TomlLines.Parsed parsed = TomlLines.read(file, NAMES_ONLY);
        if (parsed == null) {
            return LastRun.NONE;
        }
        TomlLines lines = parsed.lines();
        JsonNode root = parsed.root();
        String scenario = "";
        String profile = "";
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            int line = lines.lineOf(key);
            if (SCENARIO.equals(key) && v.isTextual()) {
                scenario = v.asText();
            } else if (PROFILE.equals(key) && v.isTextual()) {
                profile = v.asText();
            } else if (SETTINGS.equals(key) && v.isObject()) {
                for (Map.Entry<String, JsonNode> s : v.properties()) {
                    int at = lines.lineOf(SETTINGS + "." + s.getKey());
                    if (!KEY.matcher(s.getKey()).matches() || !s.getValue().isValueNode() || s.getValue().isNull()) {
                        throw new ProfileException(file, at, "settings." + s.getKey() + ": a setting is a key such as"
                                + " s3.concurrency with a text value");
                    }
                    settings.put(s.getKey(), s.getValue().asText());
                }
            } else {
                throw new ProfileException(file, line, "unknown key '" + key + "'; the file holds scenario = \"NAME\","
                        + " profile = \"NAME\" and a [settings] table of texts");
            }
        }
        return new LastRun(scenario, profile, settings);
    }

    /** {@link #load()}, or nothing remembered and the one-line reason when the file cannot be used. */
    public Loaded loadOrNone() {
        try {
            return new Loaded(load(), "");
        } catch (ProfileException e) {
            return new Loaded(LastRun.NONE, e.getMessage() + "; starting with the defaults");
        }
    }

    /**
     * Writes {@code run} in place of the file, atomically. A setting whose key names a secret or
     * whose value looks like one is left out; returns the keys left out (empty: all was kept).
     */
    public List<String> save(LastRun run) throws ProfileException {
        StringBuilder out = new StringBuilder("# Sluice's console: the last run's scenario, profile and settings,"
                + " restored at launch. Never a secret.\n");
        out.append(SCENARIO).append(" = ").append(TomlLines.quote(run.scenario())).append('\n');
        out.append(PROFILE).append(" = ").append(TomlLines.quote(run.profile())).append('\n');
        out.append("\n[").append(SETTINGS).append("]\n");
        List<String> left = new ArrayList<>();
        for (Map.Entry<String, String> e : run.settings().entrySet()) {
            String key = e.getKey();
            if (!KEY.matcher(key).matches() || Secrets.isSecretKey(key) || Secrets.looksLikeCredential(e.getValue())) {
                left.add(key);
                continue;
            }
            out.append(TomlLines.quote(key)).append(" = ").append(TomlLines.quote(e.getValue())).append('\n');
        }
        try {
            ProfileFiles.writeAtomically(file, out.toString());
        } catch (IOException e) {
            throw new ProfileException(file, 0, "cannot be written: " + e.getMessage(), e);
        }
        return List.copyOf(left);
    }
}
