package dev.sluice.scenario;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A scenario's settings ({@code key=value}): its documented defaults with the user's overrides
 * applied. Unknown keys are rejected so a typo never silently runs the default.
 */
public final class Settings {

    /** Keys whose values must never leave memory (traces, logs, screenshots, config files). */
    private static final Pattern SECRET = Pattern.compile("(?i).*(secret|password|passwd|token|credential|access[-._]?key|session).*");
    public static final String REDACTED = "<redacted>";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(new LinkedHashMap<>(values));
    }

    /** Defaults of {@code specs}, then {@code overrides}; throws for a key no spec declares. */
    public static Settings resolve(List<Setting> specs, Map<String, String> overrides) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Setting s : specs) {
            v.put(s.key(), s.defaultValue());
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!v.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown setting '" + e.getKey() + "'; known: "
                        + String.join(", ", v.keySet()));
            }
            v.put(e.getKey(), e.getValue());
        }
        return new Settings(v);
    }

    /** Parses {@code key=value}. */
    public static Map.Entry<String, String> parseAssignment(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected key=value, got '" + text + "'");
        }
        return Map.entry(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
    }

    public static boolean isSecret(String key) {
        return SECRET.matcher(key).matches();
    }

    /** The settings with every secret value replaced, safe for traces and logs. */
    public Map<String, String> redacted() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, val) -> out.put(k, isSecret(k) && !val.isEmpty() ? REDACTED : val));
        return out;
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("setting '" + key + "' is not declared by this scenario");
        }
        return v;
    }

    public int getInt(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number, got '" + get(key) + "'", e);
        }
    }

    public long getLong(String key) {
        try {
            return Long.parseLong(get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number, got '" + get(key) + "'", e);
        }
    }

    public boolean getBoolean(String key) {
        String v = get(key);
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("setting " + key + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** A duration written as {@code 250ms}, {@code 2s} or {@code 1m}. */
    public Duration getDuration(String key) {
        String v = get(key).trim();
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a duration like 250ms, 2s or 1m, got '" + v + "'", e);
        }
        throw new IllegalArgumentException("setting " + key + " must be a duration like 250ms, 2s or 1m, got '" + v + "'");
    }

    /** A size written as {@code 64KiB}, {@code 16MiB}, {@code 1GiB} or plain bytes. */
    public long getBytes(String key) {
        String v = get(key).trim();
        long unit = 1;
        String digits = v;
        if (v.endsWith("KiB")) {
            unit = 1L << 10;
        } else if (v.endsWith("MiB")) {
            unit = 1L << 20;
        } else if (v.endsWith("GiB")) {
            unit = 1L << 30;
        }
        if (unit != 1) {
            digits = v.substring(0, v.length() - 3);
        }
        try {
            return Long.parseLong(digits.trim()) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a size like 65536, 64KiB or 16MiB, got '" + v + "'", e);
        }
    }

    @Override
    public String toString() {
        return redacted().toString();
    }
}
