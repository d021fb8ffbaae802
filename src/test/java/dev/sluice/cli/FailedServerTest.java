package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.engine.s3.EmbeddedS3Server;
import dev.sluice.engine.s3.S3EngineException;
import dev.sluice.engine.s3.SampleDataset;
import dev.sluice.event.Event;
import dev.sluice.event.S3Event;
import dev.sluice.pipeline.EventSink;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * An S3 server that dies mid-read: {@code s3-shared-client} against an S3Proxy of its own, stopped
 * once the first object has been read. The failed reads are a finding, the summary line says how
 * many objects failed, and {@code check} of the recording exits 1 — never "completed, 0 finding(s)".
 */
@Timeout(240)
class FailedServerTest {

    private static final String PROFILE = "sluice-failed-server-test";
    private static final int OBJECTS = 40;

    @TempDir
    Path dir;

    /** Stops the server (on a thread of its own, never the dispatcher) once a read has succeeded. */
    private static final class StopAfterFirstRead implements EventSink {
        final CountDownLatch stopped = new CountDownLatch(1);
        private final EmbeddedS3Server server;
        private boolean triggered;

        StopAfterFirstRead(EmbeddedS3Server server) {
            this.server = server;
        }

        @Override
        public void accept(List<Event> batch) {
            for (Event e : batch) {
                if (!triggered && e.body() instanceof S3Event.RequestCompleted c && c.outcome() == S3Event.RequestOutcome.OK) {
                    triggered = true;
                    Thread stopper = new Thread(() -> {
                        try {
                            server.close();
                        } catch (S3EngineException ex) {
                            throw new IllegalStateException("the test could not stop its S3 server", ex);
                        } finally {
                            stopped.countDown();
                        }
                    }, "test-stop-s3");
                    stopper.start();
                }
            }
        }
    }

    @Test
    void aServerThatDiesMidReadIsAFindingAndTheSummarySaysHowManyObjectsFailed() throws Exception {
        EmbeddedS3Server server = EmbeddedS3Server.start(dir.resolve("s3"));
        String previousCredentialsFile = System.getProperty("aws.sharedCredentialsFile");
        try {
            new SampleDataset("sluice-sample", OBJECTS, 4096, 65536).seed(server);
            // a non-embedded endpoint gets its credentials by profile, as staging does: never keys in settings
            AwsCredentials keys = server.credentials().provider().resolveCredentials();
            Path credentials = dir.resolve("aws-credentials");
            Files.writeString(credentials, "[" + PROFILE + "]\naws_access_key_id = " + keys.accessKeyId()
                    + "\naws_secret_access_key = " + keys.secretAccessKey() + "\n");
            System.setProperty("aws.sharedCredentialsFile", credentials.toString());

            StopAfterFirstRead stopper = new StopAfterFirstRead(server);
            Path trace = dir.resolve("dead-server.sluice");
            RunResult result = ScenarioRunner.run(ScenarioRegistry.find("s3-shared-client").orElseThrow(),
                    ScenarioRunner.Options.defaults().withDataDir(dir.resolve("data")).withRecord(trace)
                            .withTimeout(Duration.ofSeconds(180)).withExtraSinks(List.of(stopper))
                            .withOverrides(Map.of("s3.endpoint", server.endpoint().toString(), "s3.profile", PROFILE,
                                    "s3.dataset.objects", Integer.toString(OBJECTS), "s3.dataset.max-size", "64KiB",
                                    "s3.concurrency", "2", "s3.threads", "2")));
            assertTrue(stopper.stopped.await(30, TimeUnit.SECONDS), "the server was stopped mid-read");

            Finding failed = result.findings().stream().filter(f -> f.code() == FindingCode.REQUESTS_FAILED)
                    .findFirst().orElseThrow(() -> new AssertionError("no REQUESTS_FAILED in " + result.findings()));
            assertTrue(failed.explanation().contains("s3.endpoint " + server.endpoint()), failed.explanation());
            assertTrue(failed.title().matches("\\d+ of " + OBJECTS + " objects failed on client-\\d+: .+"), failed.title());
            int objectsFailed = result.tally().objectsFailed();
            assertTrue(objectsFailed > 0 && objectsFailed < OBJECTS, "the first object was read: " + result.tally());
            assertEquals(OBJECTS, result.tally().objects(), result.tally()::toString);

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = RunCommand.report("s3-shared-client", result, RunCommand.Format.TEXT, false, new PrintWriter(out), new PrintWriter(err));
            String summary = out.toString().lines().findFirst().orElseThrow();
            assertEquals(0, code, "the scenario ran; what it found is in the findings: " + err);
            assertTrue(summary.matches("s3-shared-client: \\w+, \\d+ events, " + objectsFailed + " of " + OBJECTS
                    + " objects failed, \\d+ finding\\(s\\), recorded to .+"), summary);

            CliRun check = CliRun.sluice("check", trace.toString());
            assertEquals(1, check.code(), check.out() + check.err());
            assertTrue(check.out().contains("REQUESTS_FAILED"), check.out());
        } finally {
            if (previousCredentialsFile == null) {
                System.clearProperty("aws.sharedCredentialsFile");
            } else {
                System.setProperty("aws.sharedCredentialsFile", previousCredentialsFile);
            }
            server.close();
        }
    }
}
