package dev.sluice.event;

/** How a record component of an event body is stored: as text or as a 64-bit integer. */
public enum FieldType {
    /** {@code String} and {@link EventEnum} enums (by id). */
    TEXT,
    /** {@code long}, {@code int} and {@code boolean} (0 or 1). */
    INTEGER
}
