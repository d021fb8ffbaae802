package dev.sluice.scenario;

/**
 * A setting value that is refused before anything starts. The message is one line in the user's
 * words: {@code key=value: what is accepted} (the value with secrets redacted).
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private final String key;

    InvalidSettingException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** {@code key=value: reason}. */
    public static InvalidSettingException of(String key, String value, String reason) {
        return new InvalidSettingException(key, key + "=" + Secrets.redactSetting(key, value) + ": " + reason);
    }

    /** The key the error is about. */
    public String key() {
        return key;
    }
}
