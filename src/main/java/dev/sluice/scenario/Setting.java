package dev.sluice.scenario;

/**
 * A documented scenario setting: dotted key, type, default value (as text) and one line of help.
 * Each key is declared once (in {@code DemoScenario}, {@code S3Settings}, {@code FlightSettings} or
 * {@code DeltaSettings}); presets change only the default, with {@link #withDefault}.
 *
 * <p>The default must parse (a setting with an empty default that its type refuses is
 * {@linkplain #required() required}): a bad default is a programming error caught when the class loads.
 */
public record Setting<T>(String key, SettingType<T> type, String defaultValue, String description) {

    public Setting {
        if (!defaultValue.isEmpty() || type.acceptsEmpty()) {
            try {
                type.parse(defaultValue.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("default of " + key + " does not parse: " + e.getMessage(), e);
            }
        }
    }

    public static <T> Setting<T> of(String key, SettingType<T> type, String defaultValue, String description) {
        return new Setting<>(key, type, defaultValue, description);
    }

    public Setting<T> withDefault(String other) {
        return new Setting<>(key, type, other, description);
    }

    /** No usable default: the user must give a value. */
    public boolean required() {
        return defaultValue.isEmpty() && !type.acceptsEmpty();
    }

    /** Parses {@code text} (trimmed) as this setting's value. */
    public T parse(String text) throws InvalidSettingException {
        String value = text.trim();
        if (value.isEmpty() && !type.acceptsEmpty()) {
            throw new InvalidSettingException(key, key + " is not set: it must be " + type.accepted());
        }
        try {
            return type.parse(value);
        } catch (IllegalArgumentException e) {
            throw InvalidSettingException.of(key, value, e.getMessage());
        }
    }

    /** The reason {@code text} is refused, or null when it is accepted; for the console's editor. */
    public String problem(String text) {
        try {
            parse(text);
            return null;
        } catch (InvalidSettingException e) {
            return e.getMessage();
        }
    }
}
