package dev.sluice.source.pcap;

import static dev.sluice.source.pcap.CaptureFixturesTest.all;
import static dev.sluice.source.pcap.CaptureFixturesTest.first;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.FlightEvent;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceFormats;
import dev.sluice.trace.TraceContents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS, an h2c Upgrade, a file cut while being written, and a file that is not a capture. */
class CaptureEdgesTest {

    private static final long T0 = 1_767_225_600_000_000_000L;
    private static final byte[] CLIENT = {10, 0, 0, 1};
    private static final byte[] SERVER = {10, 0, 0, 2};

    @TempDir
    Path dir;

    @Test
    void aTlsCaptureIsRefusedInOneLine() throws Exception {
        Path f = dir.resolve("tls.pcap");
        try (CaptureWriter w = new CaptureWriter(f, CaptureWriter.Format.PCAP, 1)) {
            TcpFlowWriter tcp = new TcpFlowWriter(w, CLIENT, 55_000, SERVER, 443);
            tcp.handshake(T0);
            tcp.send(T0 + 1, true, new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00});
            tcp.fin(T0 + 2);
        }
        SourceException e = assertThrows(SourceException.class, () -> SourceFormats.standard().open(f.toString()).readAll());
        assertEquals(f + ": holds 1 TLS connection(s) and no cleartext HTTP/2: Sluice reads h2c only (capture on the "
                + "cleartext side, e.g. between a TLS proxy and the server)", e.getMessage());
    }

    @Test
    void anH2cUpgradeIsStreamOneWithTheRequestsSettings() throws Exception {
        Path f = dir.resolve("upgrade.pcapng");
        byte[] settings = {0, 4, 0, 0x10, 0, 0}; // SETTINGS_INITIAL_WINDOW_SIZE = 1 MiB
        String request = "GET /status HTTP/1.1\r\nHost: 10.0.0.2:8080\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: " + Base64.getUrlEncoder().withoutPadding().encodeToString(settings)
                + "\r\n\r\n";
        String response = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n";
        byte[] serverSettings = {0, 0, 0, 4, 0, 0, 0, 0, 0};
        byte[] data = new byte[9 + 5 + 20];
        data[2] = 25; // DATA of 25 bytes, END_STREAM, stream 1: one gRPC-framed message of 20 bytes
        data[4] = 1;
        data[8] = 1;
        data[13] = 20;
        try (CaptureWriter w = new CaptureWriter(f, CaptureWriter.Format.PCAPNG, 1)) {
            TcpFlowWriter tcp = new TcpFlowWriter(w, CLIENT, 55_000, SERVER, 8080);
            tcp.handshake(T0);
            tcp.send(T0 + 1, true, request.getBytes(StandardCharsets.US_ASCII));
            tcp.send(T0 + 2, false, concat(response.getBytes(StandardCharsets.US_ASCII), serverSettings));
            tcp.send(T0 + 3, true, concat(FrameStream.PREFACE, new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0}));
            tcp.send(T0 + 4, false, concat(new byte[] {0, 0, 0, 4, 1, 0, 0, 0, 0}, data));
            tcp.fin(T0 + 5);
        }
        TraceContents c = SourceFormats.standard().open(f.toString()).readAll();
        assertTrue(c.complete(), c::warning);
        assertEquals("10.0.0.2:8080/status", first(c.events(), FlightEvent.StreamOpened.class).ticket());
        assertEquals(1 << 20, first(c.events(), FlightEvent.ConnectionSettings.class).receiveInitialWindow());
        assertEquals(20, first(c.events(), FlightEvent.BatchReceived.class).bytes());
        assertEquals(FlightEvent.StreamOutcome.OK, first(c.events(), FlightEvent.StreamCompleted.class).outcome());
    }

    @Test
    void aFileCutWhileBeingWrittenIsReadUpToTheCutAndSaysSo() throws Exception {
        byte[] whole = Files.readAllBytes(CaptureFixturesTest.fixture(CaptureFixtures.Fixture.ETHERNET));
        Path f = dir.resolve("cut.pcap");
        Files.write(f, Arrays.copyOf(whole, whole.length - 10));
        TraceContents c = SourceFormats.standard().open(f.toString()).readAll();
        assertFalse(c.complete());
        assertTrue(c.warning().contains("the capture is cut: the file ends inside packet"), c.warning());
        assertEquals(3, all(c.events(), FlightEvent.BatchReceived.class).size());
    }

    @Test
    void aFileThatIsNoCaptureIsNotTakenForOne() throws Exception {
        Path f = dir.resolve("notes.pcap");
        Files.writeString(f, "not a capture");
        SourceException e = assertThrows(SourceException.class, () -> SourceFormats.standard().open(f.toString()));
        assertTrue(e.getMessage().contains("is not a Sluice trace (.sluice), packet capture (.pcap, .pcapng) or "),
                e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
