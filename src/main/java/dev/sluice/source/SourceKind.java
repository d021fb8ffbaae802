package dev.sluice.source;

/** Where a stream of events comes from; the console's "what is shown" label starts with its word. */
public enum SourceKind {
    /** A run of Sluice's embedded engines (live). */
    SCENARIO("live"),
    /** A recorded Sluice trace. */
    TRACE("replay"),
    /** An imported packet capture: what the wire shows, not what the program intended. */
    CAPTURE("capture"),
    /** An imported Delta transaction log: the table's history (winning commits only). */
    DELTA_LOG("Delta log"),
    /** Sluice's agent inside another JVM (live or recorded by it). */
    AGENT("attached");

    private final String word;

    SourceKind(String word) {
        this.word = word;
    }

    /** The word the console's source label starts with. */
    public String word() {
        return word;
    }
}
