package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.trace.TraceFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command-line contract: exit codes and what each command prints. */
class CliTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) { }

    private Outcome sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SluiceCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void scenariosListsTheDemo() {
        Outcome o = sluice("scenarios");
        assertEquals(0, o.code);
        assertTrue(o.out.lines().anyMatch(l -> l.startsWith("demo ")), o.out);
    }

    @Test
    void runRecordThenCheckFindsTheDemosFindings() throws Exception {
        Path trace = dir.resolve("d.sluice");
        Outcome run = sluice("run", "demo", "--record", trace.toString(), "--data-dir", dir.resolve("data").toString(),
                "--set", "demo.requests=10");
        assertEquals(0, run.code, run.err);
        assertTrue(run.out.contains("CLIENT_LEAKED"), run.out);

        Outcome check = sluice("check", trace.toString());
        assertEquals(1, check.code, check.err);
        assertTrue(check.out.contains("CLIENT_LEAKED"), check.out);

        Outcome json = sluice("check", "--format", "json", trace.toString());
        assertEquals(1, json.code);
        var array = new ObjectMapper().readTree(json.out);
        assertEquals(1, array.size());
        for (String field : new String[] {"code", "severity", "start", "resources", "explanation", "fix"}) {
            assertTrue(array.get(0).has(field), field + " in " + json.out);
        }
        assertEquals("CLIENT_LEAKED", array.get(0).get("code").asText());
    }

    @Test
    void checkOfATraceWithoutFindingsExitsZero() throws Exception {
        Path trace = dir.resolve("clean.sluice");
        TraceFixtures.write(trace, TraceFixtures.run("c"),
                List.of(new Event("c", 1, "main", 1, new AppEvent.Note("quiet"))), 10);
        assertEquals(0, sluice("check", trace.toString()).code);
    }

    @Test
    void unreadableInputExitsTwoWithAClearMessage() throws Exception {
        Path noise = dir.resolve("noise.bin");
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        Files.write(noise, bytes);
        Outcome o = sluice("check", noise.toString());
        assertEquals(2, o.code);
        assertTrue(o.err.contains(noise.toString()) && o.err.contains("not a Sluice trace"), o.err);
        assertEquals(2, sluice("check", dir.resolve("absent.sluice").toString()).code);
    }

    @Test
    void runFailsClearlyWhenItCannotRun() {
        Outcome unknown = sluice("run", "no-such-scenario");
        assertEquals(2, unknown.code);
        assertTrue(unknown.err.contains("no scenario named 'no-such-scenario'"), unknown.err);

        Outcome badKey = sluice("run", "demo", "--set", "demo.typo=1", "--data-dir", dir.toString());
        assertEquals(2, badKey.code);
        assertTrue(badKey.err.contains("unknown setting 'demo.typo'"), badKey.err);

        Outcome badValue = sluice("run", "demo", "--set", "demo.requests=many", "--data-dir", dir.toString());
        assertEquals(2, badValue.code);
        assertTrue(badValue.err.contains("demo.requests"), badValue.err);
    }

    @Test
    void benchListNamesTheBenchmarks() {
        Outcome o = sluice("bench", "list");
        assertEquals(0, o.code);
        assertTrue(o.out.contains("pipeline") && o.out.contains("replay"), o.out);
        assertEquals(2, sluice("bench", "nope").code);
    }

    @Test
    void eventsGivenToABenchmarkThatIsNotSizedByItIsRefusedInOneLine() {
        Outcome o = sluice("bench", "pipeline", "--quick", "--events", "1000");
        assertEquals(2, o.code);
        assertEquals(1, o.err.strip().lines().count(), o.err);
        assertTrue(o.err.contains("--events does not apply") && o.err.contains("open-large"), o.err);
    }
}
