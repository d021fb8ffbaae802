package dev.sluice.event;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run is: its id, the scenario and its settings (secrets already removed), when it started
 * on the wall clock, and the Sluice version that recorded it. Stored in the trace's metadata.
 */
public record RunInfo(String runId, String scenario, Map<String, String> settings, Instant startedAt,
                      String sluiceVersion) {

    public RunInfo {
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** The version of the running Sluice build (from the jar manifest; {@code dev} in an IDE). */
    public static String currentVersion() {
        String v = RunInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
