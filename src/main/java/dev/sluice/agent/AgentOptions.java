package dev.sluice.agent;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The agent's options, from {@code -javaagent:sluice-agent.jar=OPTIONS}: comma-separated
 * {@code key=value} pairs (see agent.md).
 *
 * @param record    the trace file to write
 * @param failProbe a probe that throws on its first call, to test that a failing probe harms nothing
 *                  (null: none)
 */
public record AgentOptions(Path record, String failProbe) {

    static final String RECORD = "record";
    static final String FAIL_PROBE = "test.failProbe";
    private static final Set<String> KEYS = Set.of(RECORD, FAIL_PROBE);
    private static final String ACCEPTED = "accepted: record=FILE[,test.failProbe=PROBE]";

    /** Parses the option string; a bad one is refused in one line naming what is accepted. */
    public static AgentOptions parse(String options) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : options == null ? new String[0] : options.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
            if (eq < 0 || !KEYS.contains(key)) {
                throw new IllegalArgumentException("sluice agent: option '" + pair + "' is not known; " + ACCEPTED);
            }
            if (values.put(key, pair.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("sluice agent: option " + key + " is given twice; " + ACCEPTED);
            }
        }
        String record = values.get(RECORD);
        if (record == null || record.isEmpty()) {
            throw new IllegalArgumentException("sluice agent: no trace file given; " + ACCEPTED);
        }
        String failProbe = values.get(FAIL_PROBE);
        if (failProbe != null && ProbeName.byId(failProbe) == null) {
            throw new IllegalArgumentException("sluice agent: test.failProbe=" + failProbe + " names no probe; accepted: "
                    + ProbeName.ids());
        }
        return new AgentOptions(Path.of(record).toAbsolutePath(), failProbe);
    }
}
