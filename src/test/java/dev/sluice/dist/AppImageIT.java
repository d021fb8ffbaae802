package dev.sluice.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux app image as a user gets it: built by installers/Package.java from the packaged jar (so this
 * runs in {@code integration-test}, after {@code package}), then its own launcher runs the command line
 * and opens the console under Xvfb.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppImageIT {

    private static final Logger LOG = LoggerFactory.getLogger(AppImageIT.class);
    private static final Path BASE = Path.of(System.getProperty("sluice.basedir", ".")).toAbsolutePath();
    private static final String VERSION = System.getProperty("sluice.version", "");
    /** Generous bounds so a slow shared CI machine never fails on time; they only stop a hang. */
    private static final long BUILD_MINUTES = 4;
    private static final long RUN_SECONDS = 120;

    private static Path image;

    @TempDir
    static Path home;

    private record Outcome(int code, String output) { }

    @BeforeAll
    static void buildImage() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux"),
                "the app-image test runs on Linux");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Outcome built = exec(List.of(java.toString(), "installers/Package.java", BASE.toString(), VERSION, "app-image",
                        // not target/dist, so that -Pdist verify keeps the installers it made
                        "target/app-image-it"),
                TimeUnit.MINUTES.toSeconds(BUILD_MINUTES));
        assertEquals(0, built.code, built.output);
        image = BASE.resolve("target/app-image-it/sluice");
        assertTrue(Files.isExecutable(image.resolve("bin/sluice")), built.output);
    }

    @Test
    @Order(1)
    void versionNamesTheBuildTheJdkAndJavafx() throws Exception {
        Outcome o = sluice("--version");
        assertEquals(0, o.code, o.output);
        assertTrue(o.output.startsWith("sluice " + VERSION + " (JDK 17"), o.output);
        assertTrue(o.output.contains("JavaFX 21."), o.output);
    }

    @Test
    @Order(2)
    void scenariosAndCheckRunFromTheImage() throws Exception {
        Outcome list = sluice("scenarios");
        assertEquals(0, list.code, list.output);
        assertTrue(list.output.lines().anyMatch(l -> l.startsWith("demo ")), list.output);

        Path trace = home.resolve("demo.sluice");
        Outcome run = sluice("run", "demo", "--record", trace.toString());
        assertEquals(0, run.code, run.output);
        // the demo leaks one client: a confirmed finding, exit 1
        Outcome check = sluice("check", trace.toString());
        assertEquals(1, check.code, check.output);
        assertTrue(check.output.contains("CLIENT_LEAKED"), check.output);
        // JavaFX's natives come from the runtime, never extracted into the user's home
        assertTrue(Files.notExists(home.resolve(".openjfx")), "JavaFX extracted its natives into ~/.openjfx");
    }

    @Test
    @Order(3)
    void consoleOpensFromTheImage() throws Exception {
        boolean xvfb = Files.isExecutable(Path.of("/usr/bin/xvfb-run"));
        Assumptions.assumeTrue(xvfb, "skipped: no xvfb-run on this machine (apt-get install xvfb), "
                + "the console from the app image was not opened");
        Assumptions.assumeTrue(gtk3(), "skipped: no GTK 3 on this machine (apt-get install libgtk-3-0 libgl1 libxtst6 "
                + "libxxf86vm1), which the console's window toolkit needs; the console from the app image was not opened");
        Path log = home.resolve("console.log");
        ProcessBuilder pb = inHome(new ProcessBuilder("xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
                image.resolve("bin/sluice").toString())).redirectOutput(log.toFile());
        // the console logs its first frame at INFO
        pb.environment().put("SLUICE_LOG_LEVEL", "INFO");
        Process p = pb.start();
        String firstFrame = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_SECONDS);
            while (firstFrame == null && p.isAlive() && System.nanoTime() < deadline) {
                firstFrame = Files.readAllLines(log).stream().filter(l -> l.contains("first frame")).findFirst()
                        .orElse(null);
                if (firstFrame == null) {
                    p.waitFor(250, TimeUnit.MILLISECONDS);
                }
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(firstFrame != null, "the console showed no first frame:\n" + Files.readString(log));
        LOG.info("console from the app image: {}", firstFrame);
    }

    @Test
    @Order(4)
    void attachFindsTheShippedAgentWithoutBeingToldWhereItIs() throws Exception {
        Path app = image.resolve("lib/app");
        assertTrue(Files.isRegularFile(app.resolve("sluice-agent.jar")), "no sluice-agent.jar beside sluice.jar in " + app);
        assertFalse(Files.readString(app.resolve("sluice.cfg")).contains("sluice-agent.jar"),
                "the agent is on Sluice's own class path: " + app.resolve("sluice.cfg"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process job = new ProcessBuilder(java.toString(), "-cp", BASE.resolve("target/test-classes").toString(),
                AttachTarget.class.getName()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(job.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals(AttachTarget.READY, out.readLine()); // its main runs: the JVM answers the Attach API
            String pid = Long.toString(job.pid());
            Outcome list = sluice("attach", "--list");
            assertEquals(0, list.code, list.output);
            assertTrue(list.output.lines().anyMatch(l -> l.startsWith(pid + " ")), list.output);
            Path trace = home.resolve("attached.sluice");
            Outcome attached = sluice("attach", pid, "--record", trace.toString());
            assertEquals(0, attached.code, attached.output);
            assertTrue(attached.output.startsWith("attached to pid " + pid + ": recording " + trace), attached.output);
            job.destroy(); // SIGTERM: the agent's shutdown hook ends the trace
            assertTrue(job.waitFor(RUN_SECONDS, TimeUnit.SECONDS), "the attached job did not stop");
            Outcome check = sluice("check", trace.toString());
            assertEquals(0, check.code, check.output);
        } finally {
            job.destroyForcibly().waitFor();
        }
    }

    private static Outcome sluice(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(image.resolve("bin/sluice").toString());
        cmd.addAll(List.of(args));
        return exec(cmd, RUN_SECONDS);
    }

    private static Outcome exec(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "exec", ".log");
        Process p = inHome(new ProcessBuilder(cmd)).redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not end within " + timeoutSeconds + " s:\n" + Files.readString(out));
        }
        return new Outcome(p.exitValue(), Files.readString(out));
    }

    /** A fresh user: the app's data, config and caches go to the test's own home, never the developer's. */
    private static ProcessBuilder inHome(ProcessBuilder pb) {
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString());
        env.put("SLUICE_HOME", home.resolve("sluice").toString());
        env.remove("XDG_DATA_HOME");
        env.remove("XDG_CACHE_HOME");
        return pb.directory(BASE.toFile()).redirectErrorStream(true);
    }

    /** GTK 3 as the dynamic linker finds it: JavaFX's glass loads {@code libgtk-3.so.0} on Linux. */
    private static boolean gtk3() {
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")) {
            if (Files.exists(Path.of(dir, "libgtk-3.so.0"))) {
                return true;
            }
        }
        return false;
    }
}
