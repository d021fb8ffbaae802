package dev.sluice.model;

/** The model's one convention for times not reached yet. */
public final class Timespan {

    /** The end (or start) time of something that has not ended (or started) yet. */
    public static final long OPEN = -1;

    private Timespan() {
    }
}
