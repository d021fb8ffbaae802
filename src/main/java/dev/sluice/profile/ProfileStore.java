package dev.sluice.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.scenario.Secrets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes the profiles of one {@code profiles.toml} (format in {@code profiles.md}). Every
 * value is checked by the parser of the setting it stands for, and a key or value that looks like a
 * secret is refused on load and on save, naming the file and the line: the file holds names only.
 * The built-in {@link Profile#EMBEDDED} profile is always there and is never written.
 */
public final class ProfileStore {

    private static final String ROOT = "profiles";
    private static final String DESCRIPTION = "description";

    private final Path file;

    public ProfileStore(Path file) {
        this.file = file;
    }

    /** The store of this user's profile file. */
    public static ProfileStore user() {
        return new ProfileStore(ProfileFiles.userFile());
    }

    public Path file() {
        return file;
    }

    /** The built-in profile, then the file's profiles in file order (only the built-in one without a file). */
    public List<Profile> load() throws ProfileException {
        TomlLines.Parsed parsed = TomlLines.read(file, TomlLines.HOLDS_NAMES_ONLY);
        if (parsed == null) {
            return List.of(Profile.embedded());
        }
        TomlLines lines = parsed.lines();
        JsonNode root = parsed.root();
        List<Profile> out = new ArrayList<>();
        out.add(Profile.embedded());
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String key = entry.getKey();
            if (!ROOT.equals(key)) {
                throw new ProfileException(file, lines.lineOf(key), "unknown table or key '" + key
                        + "'; the file holds [profiles.NAME] tables only");
            }
        }
        for (Map.Entry<String, JsonNode> e : root.path(ROOT).properties()) {
            out.add(profile(e.getKey(), e.getValue(), lines));
        }
        return List.copyOf(out);
    }

    /** The profile named {@code name}, if the file (or the built-in set) has it. */
    public Optional<Profile> find(String name) throws ProfileException {
        return load().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private Profile profile(String name, JsonNode node, TomlLines lines) throws ProfileException {
        String at = ROOT + "." + name;
        int line = lines.lineOf(at);
        if (Profile.EMBEDDED.equals(name)) {
            throw new ProfileException(file, line, "[" + at + "]: 'embedded' is the built-in profile and cannot be"
                    + " redefined; give yours another name");
        }
        if (!Profile.NAME.matcher(name).matches()) {
            throw new ProfileException(file, line, "[" + at + "]: a profile name is 1 to 64 lower-case letters, digits,"
                    + " '.', '_' or '-'");
        }
        if (!node.isObject()) {
            throw new ProfileException(file, line, at + " must be a table: [" + at + "]");
        }
        String description = "";
        Map<ProfileField, String> values = new EnumMap<>(ProfileField.class);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String partName = e.getKey();
            if (DESCRIPTION.equals(partName) && e.getValue().isTextual()) {
                description = e.getValue().asText();
                continue;
            }
            if (!e.getValue().isObject()) {
                throw new ProfileException(file, lines.lineOf(at + "." + partName), at + "." + partName
                        + ": unknown key; a profile has a description and the tables [" + at + ".s3], [" + at + ".flight]"
                        + " and [" + at + ".delta]");
            }
            for (Map.Entry<String, JsonNode> v : e.getValue().properties()) {
                String path = at + "." + partName + "." + v.getKey();
                ProfileField field = ProfileField.of(partName, v.getKey());
                if (field == null) {
                    throw new ProfileException(file, lines.lineOf(path), path + ": unknown key; known: "
                            + known());
                }
                String value = text(v.getValue());
                if (value == null) {
                    throw new ProfileException(file, lines.lineOf(path), path + " must be a string, a boolean, a number"
                            + " or an array of strings");
                }
                String problem = field.setting().problem(value);
                if (problem != null) {
                    throw new ProfileException(file, lines.lineOf(path), path + " (" + field.setting().key() + "): " + problem);
                }
                values.put(field, value);
            }
        }
        return new Profile(name, description, values);
    }

    private static String known() {
        List<String> out = new ArrayList<>();
        for (ProfileField f : ProfileField.values()) {
            out.add(f.path());
        }
        return String.join(", ", out);
    }

    /** A TOML value as the setting text {@code --set} would take; null for tables and mixed arrays. */
    private static String text(JsonNode v) {
        if (v.isTextual() || v.isBoolean() || v.isNumber()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isTextual()) {
                    return null;
                }
                items.add(item.asText());
            }
            return String.join(",", items);
        }
        return null;
    }

    /**
     * Writes {@code profiles} (the built-in one is skipped) in place of the file, atomically. Refuses a
     * value its setting does not accept or that looks like a secret, before anything is written.
     */
    public void save(List<Profile> profiles) throws ProfileException {
        StringBuilder out = new StringBuilder("# Sluice connection profiles: names and addresses only, never a secret\n"
                + "# (see profiles.md). Credentials come from an AWS profile or an environment variable named here.\n");
        Set<String> names = new HashSet<>();
        for (Profile p : profiles) {
            if (p.builtIn()) {
                continue;
            }
            if (!names.add(p.name())) {
                throw new ProfileException(file, 0, "not saved: two profiles are named '" + p.name() + "'; rename one");
            }
            if (Secrets.looksLikeCredential(p.description())) {
                throw new ProfileException(file, 0, "not saved: the description of " + ROOT + "." + p.name()
                        + " looks like a secret; " + TomlLines.HOLDS_NAMES_ONLY);
            }
            for (Map.Entry<ProfileField, String> e : p.values().entrySet()) {
                String where = ROOT + "." + p.name() + "." + e.getKey().path();
                String problem = e.getKey().setting().problem(e.getValue());
                if (problem != null) {
                    throw new ProfileException(file, 0, "not saved: " + where + ": " + problem);
                }
                if (Secrets.looksLikeCredential(e.getValue())) {
                    throw new ProfileException(file, 0, "not saved: " + where + " looks like a secret; a profile holds"
                            + " the name of an AWS profile (s3.aws-profile) or of an environment variable (flight.auth-env)");
                }
            }
            TomlLines.write(out, p);
        }
        try {
            ProfileFiles.writeAtomically(file, out.toString());
        } catch (IOException e) {
            throw new ProfileException(file, 0, "cannot be written: " + e.getMessage(), e);
        }
        load(); // what was written reads back: a store never leaves a file it would refuse
    }
}
