package dev.sluice.source.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.cli.SluiceCommand;
import dev.sluice.detect.FindingCode;
import dev.sluice.engine.flight.EmbeddedFlightServers;
import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.source.SourceFormats;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Flight servers of flight-select-all-h2 and flight-drain, read by the shuffle client
 * (flight-staging with the scenario's settings) through a relay on 127.0.0.1 that records the
 * traffic as a capture. {@code sluice check} of the capture must find what the wire proves, and its
 * windows must match what the live probes sampled in the same run.
 */
@Timeout(90)
class FlightCaptureTest {

    private static final Logger LOG = LoggerFactory.getLogger(FlightCaptureTest.class);

    /** The servers of the built-in Flight scenarios: 2 servers of 2 partitions of 32 batches of 64 KiB. */
    private static final EmbeddedFlightServers.Spec SPEC = new EmbeddedFlightServers.Spec(2, 2, 32, 64 * 1024, 0, 1 << 20);

    @TempDir
    Path dir;

    @Test
    void selectAllOnAnH2ReceiverIsAFlowControlStallOnTheWire() throws Exception {
        Path capture = dir.resolve("select-all-h2.pcapng");
        RunResult live = runThroughRelay(capture, CaptureWriter.Format.PCAPNG,
                Map.of("flight.receiver", "h2", "flight.strategy", "select-all", "flight.order", "sequential"));
        assertTrue(live.findings().stream().anyMatch(f -> f.code() == FindingCode.FLOW_CONTROL_STALL), live.findings()::toString);

        Cli check = sluice("check", capture.toString());
        assertEquals(1, check.code, check::toString);
        assertTrue(check.out.contains("FLOW_CONTROL_STALL"), check::toString);
        assertTrue(check.out.contains("The wire cannot show what the program waited on"), check::toString);

        // while stalled nothing moves, so the probes' last sample of every stream saw exactly the wire's bytes
        TraceContents wire = SourceFormats.standard().open(capture.toString()).readAll();
        Map<String, Long> probed = bytesByStream(TraceReader.readAll(live.trace()).events());
        Map<String, Long> captured = bytesByStream(wire.events());
        assertTrue(wire.complete(), wire::warning);
        assertFalse(probed.isEmpty());
        captured.keySet().retainAll(probed.keySet()); // the wire also shows the discovery and connect-check calls
        assertEquals(probed, captured);
    }

    @Test
    void drainIsCleanOnTheWireAndImportsAtAMeasuredRate() throws Exception {
        Path capture = dir.resolve("drain.pcap");
        RunResult live = runThroughRelay(capture, CaptureWriter.Format.PCAP, Map.of("flight.receiver", "h2"));
        assertEquals(List.of(), live.findings());

        Cli check = sluice("check", capture.toString());
        assertEquals(0, check.code, check::toString);
        assertTrue(check.out.contains("0 finding(s)"), check::toString);

        Cli imported = sluice("import", capture.toString(), "-o", dir.resolve("drain.sluice").toString());
        assertEquals(0, imported.code, imported::toString);
        assertTrue(imported.out.contains("MB/s of input"), imported::toString);
        LOG.info("import of the drain capture: {}", imported.out.strip());
        List<Event> events = TraceReader.readAll(dir.resolve("drain.sluice")).events();
        long completed = events.stream().filter(e -> e.body() instanceof FlightEvent.StreamCompleted c
                && c.outcome() == FlightEvent.StreamOutcome.OK && c.stream().contains("-s")).count();
        assertTrue(completed >= 4, "every DoGet and the GetFlightInfo calls complete OK on the wire: " + completed);
        // what the probes saw of each stream, the wire carried (the probes' last sample may precede the last bytes)
        Map<String, Long> probed = bytesByStream(TraceReader.readAll(live.trace()).events());
        Map<String, Long> captured = bytesByStream(events);
        probed.forEach((stream, bytes) -> assertTrue(captured.getOrDefault(stream, -1L) >= bytes,
                stream + ": probes saw " + bytes + ", the wire " + captured.get(stream)));
    }

    @Test
    void aServerStreamLimitFullOfUnreadStreamsIsSlotStarvationOnTheWire() throws Exception {
        Path capture = dir.resolve("max-streams.pcap");
        RunResult live = runThroughRelay(capture, CaptureWriter.Format.PCAP, new EmbeddedFlightServers.Spec(1, 4, 32, 64 * 1024,
                2, 1 << 20), Map.of("flight.strategy", "select-all", "flight.order", "round-robin"));
        assertTrue(live.findings().stream().anyMatch(f -> f.code() == FindingCode.STREAM_SLOT_STARVATION),
                live.findings()::toString);
        Cli check = sluice("check", capture.toString());
        assertEquals(1, check.code, check::toString);
        assertTrue(check.out.contains("STREAM_SLOT_STARVATION") && check.out.contains("all 2 held by unread"), check::toString);
        assertFalse(check.out.contains("FLOW_CONTROL_STALL"), check::toString);
    }

    @Test
    void tcpdumpOnLoopbackCapturesTheSameStall() throws Exception {
        Path capture = dir.resolve("tcpdump-select-all-h2.pcap");
        try (BufferAllocator root = new RootAllocator();
             EmbeddedFlightServers servers = EmbeddedFlightServers.start(root, SPEC)) {
            List<Integer> ports = servers.locations().stream().map(l -> l.getUri().getPort()).toList();
            String filter = ports.stream().map(p -> "tcp port " + p).collect(Collectors.joining(" or "));
            try (Tcpdump tcpdump = Tcpdump.start(capture, filter)) {
                RunResult live = runStaging(servers.locations().stream().map(l -> l.getUri().toString()).toList(),
                        Map.of("flight.receiver", "h2", "flight.strategy", "select-all", "flight.order", "sequential"),
                        "tcpdump");
                assertTrue(live.findings().stream().anyMatch(f -> f.code() == FindingCode.FLOW_CONTROL_STALL),
                        live.findings()::toString);
            }
        }
        Cli check = sluice("check", capture.toString());
        assertEquals(1, check.code, check::toString);
        assertTrue(check.out.contains("FLOW_CONTROL_STALL"), check::toString);
    }

    @Test
    void windowsAndDataMatchWiresharksDissectionOfTheSameCapture() throws Exception {
        Path capture = dir.resolve("tshark-drain.pcap");
        runThroughRelay(capture, CaptureWriter.Format.PCAP, Map.of("flight.receiver", "h2"));
        TraceContents wire = SourceFormats.standard().open(capture.toString()).readAll();
        // a connection is "server port#n": the n-th to that port, in the order both readers first see it
        Map<String, Integer> portOf = new HashMap<>();
        Map<String, String> connectionOf = new HashMap<>();
        Map<Integer, Integer> opened = new HashMap<>();
        Map<String, Integer> h2Stream = new HashMap<>();
        Map<String, Long> sluiceUpdates = new HashMap<>();
        Map<String, Long> sluiceData = new HashMap<>();
        java.util.Set<Long> sluiceWindows = new java.util.TreeSet<>();
        for (Event e : wire.events()) {
            if (e.body() instanceof FlightEvent.ConnectionOpened c) {
                int port = Integer.parseInt(c.endpoint().replaceAll(".*:(\\d+).*", "$1"));
                portOf.put(c.connection(), port);
                connectionOf.put(c.connection(), port + "#" + opened.merge(port, 1, Integer::sum));
            } else if (e.body() instanceof FlightEvent.StreamActive a) {
                h2Stream.put(a.stream(), a.h2Stream());
            } else if (e.body() instanceof FlightEvent.WindowUpdate w) {
                String key = connectionOf.get(w.connection()) + "/" + (w.stream().isEmpty() ? 0 : h2Stream.get(w.stream()))
                        + (w.sent() ? " from client" : " from server");
                sluiceUpdates.merge(key, w.increment(), Long::sum);
            } else if (e.body() instanceof FlightEvent.StreamWindowSampled w) {
                sluiceData.merge(connectionOf.get(w.connection()) + "/" + h2Stream.get(w.stream()), w.bytesReceived(), Math::max);
            } else if (e.body() instanceof FlightEvent.ConnectionSettings c) {
                sluiceWindows.add(c.receiveInitialWindow());
            }
        }
        java.util.Set<Integer> ports = new java.util.TreeSet<>(portOf.values());
        Map<Integer, String> tsharkConnection = new HashMap<>(); // client port → "server port#n"
        Map<String, Long> tsharkUpdates = new HashMap<>();
        java.util.Set<String> ended = new java.util.HashSet<>();
        Map<String, Long> tsharkData = new HashMap<>();
        java.util.Set<Long> clientWindows = new java.util.TreeSet<>();
        for (Tshark.Frame f : Tshark.frames(capture, ports)) {
            boolean fromClient = ports.contains(f.destinationPort());
            int server = fromClient ? f.destinationPort() : f.sourcePort();
            String connection = tsharkConnection.computeIfAbsent(fromClient ? f.sourcePort() : f.destinationPort(),
                    client -> server + "#" + (tsharkConnection.values().stream().filter(c -> c.startsWith(server + "#"))
                            .count() + 1));
            if (!fromClient && f.type() <= 1 && f.ack()) { // DATA or HEADERS with END_STREAM (flag 0x1): the stream closed
                ended.add(connection + "/" + f.stream());
            }
            if (f.type() == Tshark.WINDOW_UPDATE && !ended.contains(connection + "/" + f.stream())) {
                // updates for a closed stream change no window (RFC 9113 §6.9): Sluice reads past them, so does this sum
                tsharkUpdates.merge(connection + "/" + f.stream() + (fromClient ? " from client" : " from server"), f.increment(),
                        Long::sum);
            } else if (f.type() == Tshark.DATA && !fromClient) {
                tsharkData.merge(connection + "/" + f.stream(), (long) f.length(), Long::sum);
            } else if (f.type() == Tshark.SETTINGS && fromClient && f.initialWindow() >= 0) {
                clientWindows.add(f.initialWindow());
            }
        }
        assertFalse(tsharkUpdates.isEmpty() || sluiceUpdates.isEmpty(), "both saw WINDOW_UPDATE frames");
        // every WINDOW_UPDATE of the connections and of the streams Sluice tracked, summed the same way by both
        Map<String, Long> tracked = new HashMap<>(tsharkUpdates);
        tracked.keySet().retainAll(sluiceUpdates.keySet());
        assertEquals(tracked, sluiceUpdates);
        assertTrue(tsharkUpdates.keySet().stream().filter(k -> k.contains("/0 ")).allMatch(sluiceUpdates::containsKey),
                () -> "connection-level updates: tshark " + tsharkUpdates + ", Sluice " + sluiceUpdates);
        assertTrue(sluiceWindows.containsAll(clientWindows), () -> "the client's SETTINGS_INITIAL_WINDOW_SIZE " + clientWindows
                + " applied by Sluice: " + sluiceWindows);
        // a stream's DATA bytes: Sluice's samples never exceed what the wire carried, and the whole stream is counted
        assertFalse(sluiceData.isEmpty());
        // (a window sample precedes the stream's last frames, so it may count less, never more)
        assertTrue(sluiceData.values().stream().anyMatch(b -> b > 0), sluiceData::toString);
        sluiceData.forEach((stream, bytes) -> assertTrue(bytes <= tsharkData.getOrDefault(stream, 0L),
                () -> "DATA bytes of " + stream + ": Sluice sampled " + bytes + ", the wire " + tsharkData.get(stream)));
    }

    private RunResult runStaging(List<String> endpoints, Map<String, String> scenario, String label) throws Exception {
        Map<String, String> settings = new HashMap<>(scenario);
        settings.put("flight.endpoints", String.join(",", endpoints));
        settings.put("flight.stallTimeout", "2s"); // the rules need 1.5 s of stall; the default 3 s only costs test time
        RunResult r = ScenarioRunner.run(ScenarioRegistry.find("flight-staging").orElseThrow(),
                ScenarioRunner.Options.defaults().withDataDir(dir).withOverrides(settings)
                        .withRecord(dir.resolve("live-" + label + ".sluice")));
        assertEquals(null, r.error());
        return r;
    }

    private RunResult runThroughRelay(Path capture, CaptureWriter.Format format, Map<String, String> scenario)
            throws Exception {
        return runThroughRelay(capture, format, SPEC, scenario);
    }

    private RunResult runThroughRelay(Path capture, CaptureWriter.Format format, EmbeddedFlightServers.Spec spec,
                                      Map<String, String> scenario) throws Exception {
        List<RecordingRelay> relays = new ArrayList<>();
        try (BufferAllocator root = new RootAllocator();
             EmbeddedFlightServers servers = EmbeddedFlightServers.start(root,
                     spec);
             CaptureWriter writer = new CaptureWriter(capture, format, format == CaptureWriter.Format.PCAP ? 1 : 276)) {
            try {
                for (Location l : servers.locations()) {
                    relays.add(new RecordingRelay(new InetSocketAddress(l.getUri().getHost(), l.getUri().getPort()), writer));
                }
                return runStaging(relays.stream().map(r -> "grpc+tcp://127.0.0.1:" + r.port()).toList(), scenario,
                        capture.getFileName().toString());
            } finally {
                for (RecordingRelay r : relays) {
                    r.close();
                }
            }
        }
    }

    /** DATA bytes received per HTTP/2 stream ("port/stream id"), from the last window sample of each. */
    private static Map<String, Long> bytesByStream(List<Event> events) {
        Map<String, String> endpointOf = new HashMap<>();
        Map<String, String> key = new HashMap<>();
        Map<String, Long> bytes = new HashMap<>();
        for (Event e : events) {
            if (e.body() instanceof FlightEvent.ConnectionOpened c) {
                endpointOf.put(c.connection(), c.endpoint().replaceAll(".*:(\\d+).*", "$1"));
            } else if (e.body() instanceof FlightEvent.StreamActive s) {
                key.put(s.stream(), endpointOf.get(s.connection()) + "/" + s.h2Stream());
            } else if (e.body() instanceof FlightEvent.StreamWindowSampled w && key.containsKey(w.stream()) && w.bytesReceived() > 0) {
                bytes.put(key.get(w.stream()), w.bytesReceived());
            }
        }
        return bytes;
    }

    private record Cli(int code, String out, String err) { }

    private static Cli sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(code, out.toString(), err.toString());
    }
}
