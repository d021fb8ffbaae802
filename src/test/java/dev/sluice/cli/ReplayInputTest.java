package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sluice replay` reads its trace before it opens a window: a bad one is one line and exit 2. */
class ReplayInputTest {

    @TempDir
    Path dir;

    private String refused(Path trace) {
        CliRun replay = CliRun.sluice("replay", trace.toString());
        assertEquals(2, replay.code(), replay.err());
        String line = replay.err().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("sluice replay: " + trace + ": "), line);
        return line;
    }

    @Test
    void aMissingFileIsRefusedBeforeTheConsoleOpens() {
        assertTrue(refused(dir.resolve("none.sluice")).endsWith("no such file"));
    }

    @Test
    void aFileThatIsNoTraceIsRefusedBeforeTheConsoleOpens() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.sluice"), "not a trace\n");
        assertTrue(refused(text).contains("not a Sluice trace"));
    }

    @Test
    void aDirectoryIsRefusedBeforeTheConsoleOpens() {
        assertTrue(refused(dir).contains("is a directory"));
    }
}
