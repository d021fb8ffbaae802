package dev.sluice.event;

import java.util.Locale;

/** The part of Sluice an event comes from; {@code APP} is Sluice itself (pipeline, runner, demo). */
public enum Engine {
    APP, S3, FLIGHT, DELTA;

    /** The lower-case id used on the command line, in traces and in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Engine fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
