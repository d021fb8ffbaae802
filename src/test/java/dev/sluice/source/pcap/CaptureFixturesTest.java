package dev.sluice.source.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import dev.sluice.model.TraceModel;
import dev.sluice.model.flight.FlightPart;
import dev.sluice.source.RecordedSource;
import dev.sluice.source.SourceFormats;
import dev.sluice.source.SourceKind;
import dev.sluice.trace.TraceContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The committed fixtures: one DoGet on every link type, IPv6, retransmissions, a mid-connection start, a hole. */
class CaptureFixturesTest {

    @TempDir
    Path dir;

    @Test
    void theCommittedFixturesAreWhatTheGeneratorWrites() throws Exception {
        CaptureFixtures.writeAll(dir);
        for (CaptureFixtures.Fixture f : CaptureFixtures.Fixture.values()) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(f.file)), Files.readAllBytes(fixture(f)),
                    f.file + " differs from the generator's output: run CaptureFixtures.main to rewrite the fixtures");
        }
    }

    @ParameterizedTest
    @EnumSource(value = CaptureFixtures.Fixture.class, names = {"ETHERNET", "COOKED_V1", "COOKED_V2", "NULL_LOOPBACK",
        "RAW_IP", "IPV6", "RETRANSMISSION"})
    void everyLinkTypeAndRetransmissionsGiveTheWholeCall(CaptureFixtures.Fixture f) throws Exception {
        RecordedSource source = SourceFormats.standard().open(fixture(f).toString());
        assertEquals(SourceKind.CAPTURE, source.kind());
        TraceContents c = source.readAll();
        assertTrue(c.complete(), () -> f + ": " + c.warning());
        assertEquals("capture", c.run().settings().get("source"));
        List<Event> events = c.events();
        FlightEvent.ConnectionOpened opened = first(events, FlightEvent.ConnectionOpened.class);
        assertEquals(f.ipv6 ? "[fd00:0:0:0:0:0:0:2]:50051" : "10.0.0.2:50051", opened.endpoint());
        FlightEvent.StreamOpened stream = first(events, FlightEvent.StreamOpened.class);
        assertEquals("c1-s1", stream.stream());
        assertEquals("10.0.0.2:50051" + CaptureFixtures.PATH + " ticket part-0", stream.ticket());
        assertEquals(List.of((long) CaptureFixtures.MESSAGE_BYTES, (long) CaptureFixtures.MESSAGE_BYTES,
                (long) CaptureFixtures.MESSAGE_BYTES), all(events, FlightEvent.BatchReceived.class).stream()
                .map(FlightEvent.BatchReceived::bytes).toList());
        assertEquals(FlightEvent.StreamOutcome.OK, first(events, FlightEvent.StreamCompleted.class).outcome());
        // the client's SETTINGS (1 MiB stream window) applies once the server ACKs it; MAX_CONCURRENT_STREAMS 100 likewise
        List<FlightEvent.ConnectionSettings> settings = all(events, FlightEvent.ConnectionSettings.class);
        FlightEvent.ConnectionSettings last = settings.get(settings.size() - 1);
        assertEquals(1 << 20, last.receiveInitialWindow());
        assertEquals(100, last.maxConcurrentStreams());
        // windows per RFC 9113 §6.9: the stream got 3 × 1005 bytes of its 1 MiB and returned them all
        FlightEvent.StreamWindowSampled w = all(events, FlightEvent.StreamWindowSampled.class).stream()
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(3 * (CaptureFixtures.MESSAGE_BYTES + 5), w.bytesReceived());
        FlightEvent.ConnectionWindowSampled conn = all(events, FlightEvent.ConnectionWindowSampled.class).stream()
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(1 << 20, conn.receiveWindow());
        FlightEvent.ConnectionClosed closed = first(events, FlightEvent.ConnectionClosed.class);
        assertEquals("FIN from the client", closed.reason());
        assertFalse(closed.byPeer());
        assertTrue(events.get(events.size() - 1).timeNanos() == 9_000_000L, "timed by the capture's clock from +0");
    }

    @Test
    void theConsoleModelShowsTheCapturesConnectionStreamAndWindows() throws Exception {
        TraceModel.Loaded loaded = TraceModel.load(fixture(CaptureFixtures.Fixture.COOKED_V2));
        assertEquals(SourceKind.CAPTURE, loaded.kind());
        FlightPart m = FlightPart.of(loaded.snapshot());
        assertEquals(List.of("c1"), m.connections().stream().map(c -> c.connection()).toList());
        assertEquals(List.of("c1-s1"), m.streams().stream().map(s -> s.stream()).toList());
        assertTrue(m.windows().stream().anyMatch(w -> w.stream().isEmpty()) && m.windows().stream()
                .anyMatch(w -> w.stream().equals("c1-s1")), "connection and stream windows for the windows view");
        assertEquals(List.of(), loaded.snapshot().findings());
    }

    @Test
    void aCaptureStartedMidConnectionSaysItsWindowsAreRelative() throws Exception {
        TraceContents c = SourceFormats.standard().open(fixture(CaptureFixtures.Fixture.MID_CONNECTION).toString()).readAll();
        assertFalse(c.complete());
        assertTrue(c.warning().contains("already open when the capture started") && c.warning().contains("relative"),
                c.warning());
        assertTrue(first(c.events(), FlightEvent.ConnectionOpened.class).endpoint().endsWith("(capture starts mid-connection)"));
        FlightEvent.StreamOpened s = first(c.events(), FlightEvent.StreamOpened.class);
        assertTrue(s.ticket().startsWith("(method unknown"), s.ticket());
        assertEquals(3, all(c.events(), FlightEvent.BatchReceived.class).size());
    }

    @Test
    void aHoleIsSaidWithWhereItIsAndWhatItMakesUnknown() throws Exception {
        TraceContents c = SourceFormats.standard().open(fixture(CaptureFixtures.Fixture.HOLE).toString()).readAll();
        assertFalse(c.complete());
        assertTrue(c.warning().contains("server→client: 600 bytes missing from the capture at byte 1352"), c.warning());
        assertTrue(c.warning().contains("windows of c1 are relative from here on"), c.warning());
        // the first message is whole; the boundaries after the hole are unknown, so no more are counted
        assertEquals(1, all(c.events(), FlightEvent.BatchReceived.class).size());
        assertEquals(FlightEvent.StreamOutcome.OK, first(c.events(), FlightEvent.StreamCompleted.class).outcome());
    }

    @Test
    void aPortSuffixRestrictsTheConnectionsRead() throws Exception {
        Path f = fixture(CaptureFixtures.Fixture.ETHERNET);
        assertEquals(1, all(SourceFormats.standard().open(f + "?port=50051").readAll().events(),
                FlightEvent.StreamOpened.class).size());
        dev.sluice.source.SourceException none = org.junit.jupiter.api.Assertions.assertThrows(
                dev.sluice.source.SourceException.class, () -> SourceFormats.standard().open(f + "?port=8815").readAll());
        assertTrue(none.getMessage().contains("holds no HTTP/2 connection") && none.getMessage().contains("port(s) 8815"),
                none.getMessage());
        dev.sluice.source.SourceException bad = org.junit.jupiter.api.Assertions.assertThrows(
                dev.sluice.source.SourceException.class, () -> SourceFormats.standard().open(f + "?port=http"));
        assertTrue(bad.getMessage().contains("port 'http' in ?port= is not a TCP port"), bad.getMessage());
    }

    static Path fixture(CaptureFixtures.Fixture f) {
        return Path.of(CaptureFixtures.DIR, f.file);
    }

    static <T> T first(List<Event> events, Class<T> kind) {
        return all(events, kind).get(0);
    }

    static <T> List<T> all(List<Event> events, Class<T> kind) {
        return events.stream().map(Event::body).filter(kind::isInstance).map(kind::cast).toList();
    }
}
