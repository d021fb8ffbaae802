package dev.sluice.scenario.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.AppEvent;
import dev.sluice.event.AppEvent.RunOutcome;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.scenario.Secrets;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A credential pasted into a setting that accepts free text (here the S3 prefix) is used for the run
 * but never leaves memory: the trace's RunInfo, its notes and the failure hold {@code <redacted>}.
 */
class S3SecretsTest {

    static final String SECRET = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dir;

    @Test
    void aCredentialLikePrefixIsRedactedInTheRecordedTrace() throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("s3.dataset.objects", "4", "s3.dataset.max-size", "64KiB"));
        settings.put("s3.prefix", "exports/" + SECRET + "/");
        Path trace = dir.resolve("secret.sluice");
        RunResult r = ScenarioRunner.run(ScenarioRegistry.find("s3-shared-client").orElseThrow(),
                ScenarioRunner.Options.defaults().withDataDir(dir.resolve("data")).withOverrides(settings)
                        .withRecord(trace).withTimeout(Duration.ofMinutes(2)));
        // nothing lives under that prefix: the run fails, and says so without the secret
        assertEquals(RunOutcome.FAILED, r.outcome());

        TraceContents back = TraceReader.readAll(trace);
        assertEquals("exports/" + Secrets.REDACTED + "/", back.run().settings().get("s3.prefix"));
        List<String> notes = back.events().stream().map(e -> e.body()).filter(AppEvent.Note.class::isInstance)
                .map(b -> ((AppEvent.Note) b).text()).toList();
        assertTrue(notes.stream().anyMatch(n -> n.contains("s3://sluice-sample/exports/<redacted>/")), notes::toString);
        List<String> failures = back.events().stream().map(e -> e.body()).filter(AppEvent.ScenarioFailed.class::isInstance)
                .map(b -> ((AppEvent.ScenarioFailed) b).message()).toList();
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).contains("<redacted>"), failures::toString);
        String bytes = new String(Files.readAllBytes(trace), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(SECRET), "the secret is nowhere in the file");
    }
}
