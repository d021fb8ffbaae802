package dev.sluice.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's settings: its declared defaults with the user's overrides applied, every value
 * parsed by its type when the settings are resolved — so a bad value is refused before a run
 * starts, and scenarios read typed values ({@code settings.get(DeltaSettings.WRITERS)}). Unknown
 * keys are rejected so a typo never silently runs the default.
 */
public final class Settings {

    /** Kept for callers that name it here; the rule lives in {@link Secrets}. */
    public static final String REDACTED = Secrets.REDACTED;

    private final Map<String, String> texts;
    private final Map<String, Object> values;

    private Settings(Map<String, String> texts, Map<String, Object> values) {
        this.texts = Collections.unmodifiableMap(texts);
        this.values = Collections.unmodifiableMap(values);
    }

    /** Untyped settings (already validated elsewhere, or only to be redacted); {@link #get} parses on use. */
    public static Settings of(Map<String, String> texts) {
        return new Settings(new LinkedHashMap<>(texts), Map.of());
    }

    /**
     * Defaults of {@code specs}, then {@code overrides}, every value parsed. Throws
     * {@link InvalidSettingException} for a key no spec declares or the first value that does not parse.
     */
    public static Settings resolve(List<Setting<?>> specs, Map<String, String> overrides) throws InvalidSettingException {
        Map<String, Setting<?>> byKey = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (Setting<?> s : specs) {
            byKey.put(s.key(), s);
            texts.put(s.key(), s.defaultValue());
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!byKey.containsKey(e.getKey())) {
                throw new InvalidSettingException(e.getKey(), "unknown setting '" + e.getKey() + "'; known: "
                        + String.join(", ", byKey.keySet()));
            }
            texts.put(e.getKey(), e.getValue().trim());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting<?> s : specs) {
            values.put(s.key(), s.parse(texts.get(s.key())));
        }
        return new Settings(texts, values);
    }

    /** Parses {@code key=value}. */
    public static Map.Entry<String, String> parseAssignment(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected key=value, got '" + Secrets.redact(text) + "'");
        }
        return Map.entry(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
    }

    /** The settings as text with every secret replaced, safe for traces, logs and the console. */
    public Map<String, String> redacted() {
        Map<String, String> out = new LinkedHashMap<>();
        texts.forEach((k, v) -> out.put(k, Secrets.redactSetting(k, v)));
        return out;
    }

    /** The typed value of {@code setting}. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Object v = values.get(setting.key());
        if (v != null) {
            return (T) v;
        }
        String text = texts.get(setting.key());
        if (text == null) {
            throw new IllegalStateException("setting '" + setting.key() + "' is not declared by this scenario");
        }
        return setting.parse(text);
    }

    /** The value as given (after trimming), for display; never write it out without {@link #redacted()}. */
    public String text(String key) {
        String v = texts.get(key);
        if (v == null) {
            throw new IllegalStateException("setting '" + key + "' is not declared by this scenario");
        }
        return v;
    }

    @Override
    public String toString() {
        return redacted().toString();
    }
}
