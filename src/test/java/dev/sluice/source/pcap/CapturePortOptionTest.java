package dev.sluice.source.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.cli.SluiceCommand;
import dev.sluice.event.FlightEvent;
import dev.sluice.trace.TraceReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --port N} on {@code sluice import} and {@code sluice check}, as a user types it. */
class CapturePortOptionTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) { }

    private static Run sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void importAndCheckReadOnlyTheGivenPort() throws Exception {
        String capture = CaptureFixturesTest.fixture(CaptureFixtures.Fixture.ETHERNET).toString();
        Path trace = dir.resolve("cap.sluice");
        Run imported = sluice("import", capture, "--port", "50051", "-o", trace.toString());
        assertEquals(0, imported.code(), imported::err);
        assertEquals(1, CaptureFixturesTest.all(TraceReader.readAll(trace).events(), FlightEvent.StreamOpened.class).size());
        assertEquals("50051", TraceReader.readAll(trace).run().settings().get("capture.ports"));

        Run other = sluice("check", capture, "--port", "8815");
        assertEquals(2, other.code(), other::out);
        assertTrue(other.err().contains("holds no HTTP/2 connection") && other.err().contains("port(s) 8815"), other::err);
    }

    @Test
    void portIsRefusedInOneLineForWhatIsNotACapture() throws Exception {
        Path table = dir.resolve("table");
        Files.createDirectories(table.resolve("_delta_log"));
        Files.writeString(table.resolve("_delta_log/00000000000000000000.json"), "{\"commitInfo\":{\"timestamp\":1}}\n");
        Run checked = sluice("check", table.toString(), "--port", "50051");
        assertEquals(2, checked.code(), checked::out);
        assertEquals("sluice check: " + table + ": --port applies to packet captures (.pcap, .pcapng) only, and this is "
                + "not one", checked.err().strip());
        String capture = CaptureFixturesTest.fixture(CaptureFixtures.Fixture.ETHERNET).toString();
        Run both = sluice("import", capture + "?port=50051", "--port", "50051", "-o", dir.resolve("x.sluice").toString());
        assertEquals(2, both.code(), both::out);
        assertTrue(both.err().strip().endsWith("give the ports either as --port or as a ?port= suffix, not both"), both::err);
        Run zero = sluice("check", capture, "--port", "0");
        assertEquals("sluice check: " + capture + ": --port 0 is not a TCP port (give 1 to 65535)", zero.err().strip());
    }
}
