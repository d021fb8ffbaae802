package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.agent.PerThreadClientsApp;
import dev.sluice.agent.WaitingApp;
import dev.sluice.engine.s3.EmbeddedS3Server;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.pipeline.EventSink;
import dev.sluice.scenario.FindingsSink;
import dev.sluice.source.LiveSource;
import dev.sluice.source.SourceException;
import dev.sluice.source.attach.AgentLiveSource;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceReader;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The agent live and attached, as a user runs it: child JVMs with only the AWS SDK on their class path,
 * {@code listen=} at start or {@code sluice attach PID} later, and the console's attached source
 * ({@link AgentLiveSource}) feeding the real detectors. Needs target/sluice-agent.jar ({@code *IT}: after package).
 */
class AttachIT {

    private static final Path BASE = Path.of(System.getProperty("sluice.basedir", ".")).toAbsolutePath();
    private static final Path AGENT = BASE.resolve("target/sluice-agent.jar");
    private static final String BUCKET = "jobs";
    private static final String KEY = "part-0.bin";
    private static final int SIZE = 64 * 1024;
    /** Only stops a hang. */
    private static final long SECONDS = 120;

    @TempDir
    static Path dir;
    private static EmbeddedS3Server server;

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
    void aJobStartedWithListenIsSeenLiveAndItsHazardFound() throws Exception {
        int port = freePort();
        Process app = start(PerThreadClientsApp.class, "-javaagent:" + AGENT + "=listen=127.0.0.1:" + port);
        try {
            FindingsSink findings = new FindingsSink();
            Path recording = dir.resolve("live.sluice");
            LiveSource.LiveRun run = connect(new AgentLiveSource("127.0.0.1", port, null, null), app,
                    List.of(findings), recording);
            LiveSource.Ended ended = run.await();
            assertNull(ended.failure(), ended.summary());
            assertTrue(ended.summary().startsWith("attached to " + PerThreadClientsApp.class.getName() + "@"), ended.summary());
            assertTrue(ended.summary().contains(": the job ended — "), ended.summary());
            assertEquals(List.of("CLIENT_LEAKED", "CLIENT_LEAKED", "CLIENT_LEAKED"),
                    findings.findings().stream().map(f -> f.code().name()).toList(), ended.summary());
            // what the console recorded is a complete trace that check reads with the same finding
            CliRun check = CliRun.sluice("check", recording.toString());
            assertEquals(1, check.code(), check.out() + check.err());
            assertEquals(3, count(check.out(), "CLIENT_LEAKED"), check.out());
            assertTrue(app.waitFor(SECONDS, TimeUnit.SECONDS));
            assertEquals(0, app.exitValue(), log(PerThreadClientsApp.class));
        } finally {
            app.destroyForcibly().waitFor();
        }
    }

    @Test
    void aRunningJvmIsListedAttachedRecordedAndServedLive() throws Exception {
        Process app = start(WaitingApp.class, "-XX:+EnableDynamicAgentLoading");
        try {
            String pid = Long.toString(app.pid());
            CliRun listed = attach("--list");
            assertEquals(0, listed.code(), listed.err());
            awaitListed(pid);
            Path trace = dir.resolve("attached.sluice");
            CliRun attached = attach(pid, "--record", trace.toString(), "--listen", "127.0.0.1:0");
            assertEquals(0, attached.code(), attached.out() + attached.err());
            assertTrue(attached.out().contains("attached to pid " + pid + ": recording " + trace), attached.out());
            Matcher address = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(attached.out());
            assertTrue(address.find(), attached.out());
            // the console's side: the agent's first events arrive, then the console detaches, the job runs on
            List<Event> seen = new CopyOnWriteArrayList<>();
            LiveSource.LiveRun run = new AgentLiveSource("127.0.0.1", Integer.parseInt(address.group(1)), null, null)
                    .start(List.of(collect(seen)), null, (f, what) -> { });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            while (seen.stream().noneMatch(e -> e.body() instanceof AppEvent.Heartbeat)) {
                assertTrue(System.nanoTime() < deadline, "no heartbeat from the attached agent: " + seen);
                Thread.sleep(50);
            }
            run.requestStop();
            LiveSource.Ended ended = run.await();
            assertNull(ended.failure(), ended.summary());
            assertTrue(ended.summary().contains(": detached — "), ended.summary());
            assertTrue(seen.stream().anyMatch(e -> e.body() instanceof AppEvent.Note n
                    && n.text().equals("sluice agent attached to pid " + pid)), seen.toString());
            assertTrue(app.isAlive(), "detaching must leave the job running");
            // loaded once: a second attach reuses the listening agent
            CliRun again = attach(pid, "--listen", "127.0.0.1:0");
            assertEquals(0, again.code(), again.err());
            assertTrue(again.out().contains("listening on 127.0.0.1:" + address.group(1)), again.out());
            app.destroy(); // SIGTERM: the agent's shutdown hook completes the trace
            assertTrue(app.waitFor(SECONDS, TimeUnit.SECONDS));
            TraceContents contents = TraceReader.readAll(trace);
            assertTrue(contents.complete(), String.valueOf(contents.warning()));
            assertEquals("agent:" + WaitingApp.class.getName() + "@" + pid, contents.run().scenario());
        } finally {
            app.destroyForcibly().waitFor();
        }
    }

    @Test
    void aConsoleWithoutTheTokenIsRefusedInOneLine() throws Exception {
        int port = freePort();
        Process app = start(WaitingApp.class, "-javaagent:" + AGENT + "=listen=127.0.0.1:" + port + ",token.env=JOB_TOKEN");
        try {
            AgentLiveSource console = new AgentLiveSource("127.0.0.1", port, null, null);
            SourceException refused = assertThrows(SourceException.class, () -> connect(console, app, List.of(), null));
            assertEquals("127.0.0.1:" + port + ": sluice agent at 127.0.0.1:" + port + " refused the connection: wrong or"
                    + " missing token (the console reads it from the environment variable it is given)",
                    refused.getMessage());
            CliRun badAttach = attach("no-such-pid", "--listen", "127.0.0.1:0");
            assertEquals(2, badAttach.code());
            assertEquals("sluice attach: no-such-pid: is not a process id; `sluice attach --list` lists the local JVMs",
                    badAttach.err().strip());
        } finally {
            app.destroyForcibly().waitFor();
        }
    }

    /** Connects once the child's agent listens (it binds before the app's main runs). */
    private static LiveSource.LiveRun connect(AgentLiveSource source, Process app, List<EventSink> sinks, Path record)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (true) {
            try {
                return source.start(sinks, record, (f, what) -> { });
            } catch (SourceException e) {
                if (!e.getMessage().startsWith("cannot connect to ") || !app.isAlive()
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static void awaitListed(String pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (true) {
            CliRun listed = attach("--list");
            if (Pattern.compile("(?m)^" + pid + "\\s+" + Pattern.quote(WaitingApp.class.getName()) + "$")
                    .matcher(listed.out()).find()) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "pid " + pid + " not listed: " + listed.out());
            Thread.sleep(100);
        }
    }

    private static EventSink collect(List<Event> into) {
        return batch -> into.addAll(batch);
    }

    private static CliRun attach(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new AttachCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    private static long count(String text, String word) {
        return Pattern.compile("\\b" + word + "\\b").matcher(text).results().count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String log(Class<?> app) throws IOException {
        return Files.readString(dir.resolve(app.getSimpleName() + ".log"));
    }

    private static Process start(Class<?> app, String jvmOption) throws IOException {
        AwsCredentials credentials = server.credentials().provider().resolveCredentials();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                jvmOption, "-cp", appClassPath(), app.getName(), server.endpoint().toString(), BUCKET, KEY,
                Integer.toString(SIZE)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(app.getSimpleName() + ".log").toFile());
        builder.environment().put("APP_KEY_ID", credentials.accessKeyId());
        builder.environment().put("APP_SECRET", credentials.secretAccessKey());
        builder.environment().put("JOB_TOKEN", "a-token-the-console-was-not-given");
        return builder.start();
    }

    /** The test classes (the apps) and the AWS SDK: no Sluice, Arrow, Jackson or Byte Buddy. */
    private static String appClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.endsWith("test-classes") || p.contains("/software/amazon/awssdk/")
                        || p.contains("/software/amazon/eventstream/") || p.contains("/io/netty/")
                        || p.contains("/org/reactivestreams/") || p.contains("/org/slf4j/slf4j-api/"))
                .filter(p -> !p.contains("/awssdk/crt/"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
