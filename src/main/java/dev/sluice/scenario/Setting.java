package dev.sluice.scenario;

/** A documented scenario setting: dotted key, default value, one line of help. */
public record Setting(String key, String defaultValue, String description) {
}
