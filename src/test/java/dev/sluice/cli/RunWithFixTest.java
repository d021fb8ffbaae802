package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * "Run with the fix", one finding per engine, on the real engines (embedded S3Proxy, Flight servers,
 * Delta tables on 127.0.0.1 and a temporary directory): the recorded run has the hazard, the run
 * {@code --fix-from} its trace is clean, and {@code compare} reports the finding gone.
 */
class RunWithFixTest {

    /** Rates of two small runs on a shared 2-core machine differ a lot; what is proven here are the findings. */
    private static final String NOISY_RATES_TOLERANCE = "90";

    @TempDir
    Path dir;

    @Test
    void s3PerThreadClientsTurnIntoOneSharedClient() throws Exception {
        proveTheFix("s3-thread-local-clients", "CLIENT_LEAKED", "s3.lifecycle", "per-thread", "shared",
                "s3.dataset.objects=8", "s3.dataset.max-size=256KiB", "s3.threads=2");
    }

    @Test
    void flightSelectAllTurnsIntoDrain() throws Exception {
        proveTheFix("flight-select-all-h2", "FLOW_CONTROL_STALL", "flight.strategy", "select-all", "drain",
                "flight.batches=24", "flight.stallTimeout=2s");
    }

    @Test
    void fixByCodeRunsTheScenarioWithTheCodesFix() {
        CliRun r = CliRun.sluice("run", "flight-select-all-h2", "--fix", "FLOW_CONTROL_STALL", "--set", "flight.batches=24",
                "--data-dir", data());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("flight-select-all-h2: completed,") && r.out().contains(" 0 finding(s)"), r.out());
        assertTrue(r.out().contains("ran with the fix of FLOW_CONTROL_STALL: flight.strategy=drain"), r.out());
    }

    @Test
    void deltaNaiveWritersTurnIntoFirstWriterCreates() throws Exception {
        proveTheFix("delta-concurrent-create", "CONCURRENT_CREATE_CONFLICT", "delta.strategy", "naive",
                "first-writer-creates", "delta.writers=3", "delta.batches=1", "delta.rows=20");
    }

    private void proveTheFix(String scenario, String code, String key, String before, String after, String... small)
            throws Exception {
        Path a = dir.resolve(scenario + ".sluice");
        List<String> args = new ArrayList<>(List.of("run", scenario, "--record", a.toString(), "--data-dir", data()));
        for (String s : small) {
            args.add("--set");
            args.add(s);
        }
        CliRun hazard = CliRun.sluice(args.toArray(String[]::new));
        assertEquals(0, hazard.code(), hazard.err());
        assertTrue(hazard.out().contains(code), hazard.out());
        assertTrue(hazard.out().contains("fix: " + key + "=" + after), hazard.out());

        CliRun fixed = CliRun.sluice("run", "--fix-from", a.toString(), "--data-dir", data());
        assertEquals(0, fixed.code(), fixed.err());
        Path b = dir.resolve(scenario + "-fixed.sluice");
        assertTrue(fixed.out().contains(scenario + ": completed,") && fixed.out().contains(" 0 finding(s), recorded to " + b),
                fixed.out());
        assertTrue(fixed.out().contains("compare: sluice compare " + a + " " + b), fixed.out());

        CliRun compare = compare("--format", "json", "--tolerance", NOISY_RATES_TOLERANCE, a.toString(), b.toString());
        assertEquals(0, compare.code(), compare.out() + compare.err());
        JsonNode json = new ObjectMapper().readTree(compare.out());
        assertTrue(json.get("findings").get("gone").size() > 0, compare.out());
        json.get("findings").get("gone").forEach(f -> assertEquals(code, f.get("code").asText()));
        assertEquals(0, json.get("findings").get("stayed").size(), compare.out());
        assertEquals(0, json.get("findings").get("new").size(), compare.out());
        assertEquals(before, json.get("settingsChanged").get(key).get("a").asText());
        assertEquals(after, json.get("settingsChanged").get(key).get("b").asText());
        assertTrue(json.get("figures").size() >= 2, compare.out());

        CliRun reversed = compare(b.toString(), a.toString()); // the hazard is new in the second run: the check fails
        assertEquals(1, reversed.code(), reversed.out() + reversed.err());
        assertTrue(reversed.out().contains("does not hold: new in B: " + code), reversed.out());
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    /** {@code sluice compare ...}, through the command itself (its line in SluiceCommand is the lead's). */
    static CliRun compare(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CompareCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
