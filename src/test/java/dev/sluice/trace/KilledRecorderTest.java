package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.AppEvent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A recording process killed with SIGKILL leaves a file that reads back up to its last flush. */
@Timeout(120)
class KilledRecorderTest {

    @TempDir
    Path dir;

    @Test
    void sigkillLeavesAReadablePrefix() throws Exception {
        Path trace = dir.resolve("killed.sluice");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process recorder = new ProcessBuilder(List.of(java, "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", classpath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator),
                "dev.sluice.app.Launcher", "run", "demo", "--record", trace.toString(),
                "--data-dir", dir.resolve("data").toString(),
                "--set", "demo.requests=100000", "--set", "demo.pace=1ms"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("recorder.log").toFile()).start();
        try {
            // wait until a few flushes have reached the file, then kill without warning
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && (!Files.exists(trace) || Files.size(trace) < 20_000)) {
                assertTrue(recorder.isAlive(), () -> "recorder died early: " + log());
                Thread.sleep(50);
            }
            Thread.sleep(500);
        } finally {
            recorder.destroyForcibly(); // SIGKILL on Unix
            recorder.waitFor(30, TimeUnit.SECONDS);
        }
        TraceContents contents = TraceReader.readAll(trace);
        assertFalse(contents.complete(), "a killed recorder never wrote the end marker");
        assertTrue(contents.warning().contains("incomplete"), contents.warning());
        assertTrue(contents.events().size() > 100, "events: " + contents.events().size());
        assertTrue(contents.events().get(0).body() instanceof AppEvent.RunStarted, () -> "first: " + contents.events().get(0));
        assertTrue(contents.events().stream().noneMatch(e -> e.body() instanceof AppEvent.RunEnded));
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("recorder.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
