package dev.sluice.cli;

import dev.sluice.source.SourceFormats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How `sluice check` opens its TRACE argument: standard input, and paths that are not regular files. */
@Timeout(60)
class CheckInputTest {

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
    void dashReadsTheTraceFromStandardInput() throws Exception {
        Path trace = dir.resolve("d.sluice");
        assertEquals(0, sluice("run", "demo", "--record", trace.toString(), "--data-dir", dir.resolve("data").toString(),
                "--set", "demo.requests=10").code);
        InputStream saved = System.in;
        try (InputStream in = Files.newInputStream(trace)) {
            System.setIn(in);
            Outcome check = sluice("check", "-");
            assertEquals(1, check.code, check.err);
            assertTrue(check.out.startsWith("-: run "), check.out);
            assertTrue(check.out.contains("CLIENT_LEAKED"), check.out);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aNamedPipeIsRefusedAtOnceInOneLine() throws Exception {
        Path fifo = dir.resolve("trace.fifo");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo");
        Outcome check = sluice("check", fifo.toString()); // opening it would wait for a writer forever
        assertEquals(2, check.code);
        assertEquals("sluice check: " + fifo + ": is a named pipe; use `sluice check - < FILE` or a regular file",
                check.err.strip());
    }

    @Test
    void directoriesAndDevicesAreRefusedInOneLine() {
        Outcome directory = sluice("check", dir.toString());
        assertEquals(2, directory.code);
        assertEquals("sluice check: " + dir + ": is a directory; give a " + SourceFormats.standard().accepted(),
                directory.err.strip());
        Outcome device = sluice("check", "/dev/zero");
        assertEquals(2, device.code);
        assertTrue(device.err.strip().endsWith("/dev/zero: is a device; use `sluice check - < FILE` or a regular file"),
                device.err);
    }
}
