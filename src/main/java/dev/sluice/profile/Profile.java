package dev.sluice.profile;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A named set of connection settings (a staging S3 endpoint and bucket, Flight endpoints and how to
 * authenticate). Applied to a run it becomes setting overrides, under any explicit {@code --set}.
 * A profile holds no secret: only the names of an AWS profile or an environment variable.
 *
 * @param values each field's value as text, exactly as {@code --set} would take it
 */
public record Profile(String name, String description, Map<ProfileField, String> values) {

    /** The built-in profile: Sluice's embedded S3Proxy and Flight servers (no field set). */
    public static final String EMBEDDED = "embedded";
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public Profile {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("profile name '" + name + "': must be 1 to 64 lower-case letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit");
        }
        EnumMap<ProfileField, String> copy = new EnumMap<>(ProfileField.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
        description = description == null ? "" : description;
    }

    public static Profile embedded() {
        return new Profile(EMBEDDED, "Sluice's embedded S3Proxy and Flight servers on 127.0.0.1", Map.of());
    }

    public boolean builtIn() {
        return EMBEDDED.equals(name);
    }

    /** The setting overrides this profile stands for: setting key → value. */
    public Map<String, String> overrides() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((field, value) -> out.put(field.setting().key(), value));
        return out;
    }
}
