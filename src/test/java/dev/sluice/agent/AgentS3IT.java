package dev.sluice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.cli.SluiceCommand;
import dev.sluice.engine.s3.EmbeddedS3Server;
import dev.sluice.event.AppEvent;
import dev.sluice.event.S3Event;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceException;
import dev.sluice.trace.TraceReader;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The agent jar as a user runs it: small apps that use only the AWS SDK run as child JVMs with
 * {@code -javaagent:target/sluice-agent.jar=record=…} against an embedded S3Proxy, then
 * {@code sluice check} reads the trace with the real detectors. The jar is built by {@code package}, so
 * this is an integration test ({@code *IT}, run after it); the child's class path holds the app and
 * the SDK only, so the agent must bring everything else itself.
 */
class AgentS3IT {

    private static final Logger LOG = LoggerFactory.getLogger(AgentS3IT.class);
    private static final Path BASE = Path.of(System.getProperty("sluice.basedir", ".")).toAbsolutePath();
    private static final Path AGENT = BASE.resolve("target/sluice-agent.jar");
    private static final String BUCKET = "jobs";
    private static final String KEY = "part-0.bin";
    private static final int SIZE = 256 * 1024;
    /** Only stops a hang; the apps take about a second. */
    private static final long APP_SECONDS = 120;
    private static final Pattern FINDING = Pattern.compile("(?m)^\\S+\\s+([A-Z_]+)\\s");

    @TempDir
    static Path dir;
    private static EmbeddedS3Server server;

    private record AppRun(int code, String output) { }

    private record Check(int code, String out, List<String> codes) { }

    @BeforeAll
    static void startServer() throws Exception {
        assertTrue(Files.isRegularFile(AGENT), AGENT + " is missing: run mvn package first");
        server = EmbeddedS3Server.start(dir.resolve("s3"));
        try (S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(server.credentials().provider()).build()) {
            s3.createBucket(b -> b.bucket(BUCKET));
            s3.putObject(b -> b.bucket(BUCKET).key(KEY), RequestBody.fromBytes(new byte[SIZE]));
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClientPerThreadNeverClosedIsFoundLeaked() throws Exception {
        Path trace = dir.resolve("per-thread.sluice");
        AppRun app = run(PerThreadClientsApp.class, "record=" + trace);
        assertEquals(0, app.code, app.output);
        Check check = check(trace);
        assertEquals(1, check.code, check.out);
        assertEquals(List.of("CLIENT_LEAKED", "CLIENT_LEAKED", "CLIENT_LEAKED"), check.codes, check.out);
        assertTrue(Pattern.compile(" of agent:" + PerThreadClientsApp.class.getName() + "@\\d+, ").matcher(check.out).find(),
                check.out);
    }

    @Test
    void aCloseFromAnotherThreadWithReadsInFlightIsAForeignClose() throws Exception {
        Path trace = dir.resolve("foreign-close.sluice");
        AppRun app = run(ForeignCloseApp.class, "record=" + trace);
        assertEquals(0, app.code, app.output);
        Check check = check(trace);
        assertTrue(check.codes.contains("FOREIGN_CLOSE"), check.out);
        assertTrue(check.out.contains("closed by app-closer, which does not own it (owner: main) with 4 request(s) in flight"),
                check.out);
    }

    @Test
    void theHealthyTwinGivesNoFinding() throws Exception {
        Path trace = dir.resolve("shared.sluice");
        AppRun app = run(SharedClientApp.class, "record=" + trace);
        assertEquals(0, app.code, app.output);
        Check check = check(trace);
        assertEquals(0, check.code, check.out);
        assertEquals(List.of(), check.codes, check.out);
        assertTrue(Pattern.compile(" of agent:" + SharedClientApp.class.getName() + "@\\d+, ").matcher(check.out).find(),
                check.out);
    }

    @Test
    void aProbeThatThrowsLeavesTheAppUnharmedAndSaysSoInTheTrace() throws Exception {
        Path trace = dir.resolve("failing-probe.sluice");
        AppRun app = run(SharedClientApp.class, "record=" + trace + ",test.failProbe=s3.request");
        assertEquals(0, app.code, "the app's own reads must all succeed: " + app.output);
        Check check = check(trace);
        assertEquals(0, check.code, check.out);
        TraceContents contents = TraceReader.readAll(trace);
        List<String> notes = contents.events().stream().filter(e -> e.body() instanceof AppEvent.Note)
                .map(e -> ((AppEvent.Note) e.body()).text()).toList();
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("sluice agent: probe s3.request disabled after "
                + "IllegalStateException")), notes.toString());
        // requests that slipped in while the probe was failing still end: no half-reported request
        assertEquals(count(contents, S3Event.RequestStarted.class), count(contents, S3Event.RequestCompleted.class));
        assertTrue(contents.events().stream().anyMatch(e -> e.body() instanceof S3Event.ClientClosed), check.out);
    }

    @Test
    void aJobKilledWithSigkillLeavesAReadableIncompleteTrace() throws Exception {
        Path trace = dir.resolve("killed.sluice");
        Process app = start(WaitingApp.class, "record=" + trace);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(APP_SECONDS);
            // the writer flushes a batch every 200 ms: wait until one holds the agent's first note
            while (!holdsEvents(trace)) {
                assertTrue(app.isAlive() && System.nanoTime() < deadline, "no trace batch written to " + trace);
                Thread.sleep(200);
            }
        } finally {
            app.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        }
        Check check = sluice("check", trace.toString());
        assertEquals(3, check.code, check.out);
        assertTrue(check.out.contains("the trace is incomplete"), check.out);
        assertTrue(Pattern.compile(" of agent:" + WaitingApp.class.getName() + "@\\d+, ").matcher(check.out).find(),
                check.out);
    }

    @Test
    void aJobThatExitsBeforeTheAgentsTraceIsOpenStillLeavesACompleteTrace() throws Exception {
        Path trace = dir.resolve("quick-exit.sluice");
        AppRun app = run(QuickExitApp.class, "record=" + trace);
        assertEquals(0, app.code, app.output);
        Check check = check(trace);
        assertEquals(0, check.code, "complete and no finding: " + check.out);
        TraceContents contents = TraceReader.readAll(trace);
        assertEquals(1, count(contents, AppEvent.RunStarted.class), check.out);
        assertEquals(1, count(contents, AppEvent.RunEnded.class), "the shutdown hook waited for the open: " + check.out);
    }

    private static boolean holdsEvents(Path trace) {
        try {
            return Files.size(trace) > 0 && !TraceReader.readAll(trace).events().isEmpty();
        } catch (IOException | TraceException e) {
            return false; // not yet a schema and one batch: the writer is still starting
        }
    }

    @Test
    void aBadOptionStopsTheStartWithOneLineSayingWhatIsAccepted() throws Exception {
        AppRun app = run(SharedClientApp.class, "recrd=x.sluice");
        assertTrue(app.code != 0, app.output);
        assertTrue(app.output.contains("sluice agent: option 'recrd=x.sluice' is not known; accepted: record=FILE"),
                app.output);
    }

    private static long count(TraceContents contents, Class<?> kind) {
        return contents.events().stream().filter(e -> kind.isInstance(e.body())).count();
    }

    private static AppRun run(Class<?> app, String options) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = start(app, options);
        if (!process.waitFor(APP_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(app.getSimpleName() + " did not end within " + APP_SECONDS + " s: "
                    + Files.readString(dir.resolve(app.getSimpleName() + ".log")));
        }
        LOG.info("{} with the agent ({}) ran in {} ms", app.getSimpleName(), options,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return new AppRun(process.exitValue(), Files.readString(dir.resolve(app.getSimpleName() + ".log")));
    }

    private static Process start(Class<?> app, String options) throws IOException {
        AwsCredentials credentials = server.credentials().provider().resolveCredentials();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + AGENT + "=" + options, "-cp", appClassPath(), app.getName(),
                server.endpoint().toString(), BUCKET, KEY, Integer.toString(SIZE)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(app.getSimpleName() + ".log").toFile());
        builder.environment().put(UserApps.KEY_ID, credentials.accessKeyId());
        builder.environment().put(UserApps.SECRET, credentials.secretAccessKey());
        return builder.start();
    }

    /** The test classes (the apps) and the AWS SDK with what it needs: no Sluice, Arrow, Jackson or Byte Buddy. */
    private static String appClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.endsWith("test-classes") || p.contains("/software/amazon/awssdk/")
                        || p.contains("/software/amazon/eventstream/") || p.contains("/io/netty/")
                        || p.contains("/org/reactivestreams/") || p.contains("/org/slf4j/slf4j-api/"))
                .filter(p -> !p.contains("/awssdk/crt/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Check check(Path trace) {
        Check run = sluice("check", trace.toString());
        List<String> codes = new ArrayList<>();
        Matcher m = FINDING.matcher(run.out);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return new Check(run.code, run.out, codes);
    }

    private static Check sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Check(code, out + err.toString(), List.of());
    }
}
