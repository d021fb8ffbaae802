package dev.sluice.source.pcap;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.RunInfo;
import dev.sluice.source.RecordedSource;
import dev.sluice.source.RecordingSink;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceKind;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A packet capture read as a run: every HTTP/2 connection in it, as the Flight events the live
 * probes emit, timed by the capture's own clock (the first packet is +0). Streams through the file
 * once; memory is bounded by the open connections, not the file's size.
 *
 * <p>Windows are sampled whenever a frame changed them (at most once per {@link #SAMPLE_NANOS} of
 * capture time) and every {@link #REFRESH_NANOS} while nothing arrives: the state between two
 * packets is the state after the first, which is what lets a stalled window be seen to stay stalled.
 */
final class CaptureSource implements RecordedSource {

    static final long SAMPLE_NANOS = 1_000_000;
    static final long REFRESH_NANOS = 250_000_000;
    /** Beyond this silence, only one more refresh is emitted (just before the next packet). */
    private static final long REFRESH_LIMIT_NANOS = 10_000_000_000L;
    private static final int MAX_WARNINGS = 8;
    private static final String THREAD = "capture";

    private final String name;
    private final Path file;
    private final CaptureOptions options;

    private final Map<Key, TcpConnection> connections = new HashMap<>();
    private final Map<TcpConnection, long[]> sampled = new LinkedHashMap<>();
    private final List<Event> out = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int moreWarnings;
    private final Map<TcpSegment.Skip, Long> skipped = new HashMap<>();
    private String runId;
    private long origin;
    private long last;
    private int connectionNumber;

    CaptureSource(String name, Path file, CaptureOptions options) {
        this.name = name;
        this.file = file;
        this.options = options;
    }

    /** A connection, whichever way its segment goes. */
    private record Key(TcpSegment.Address low, TcpSegment.Address high) {
        static Key of(TcpSegment s) {
            TcpSegment.Address x = s.source();
            TcpSegment.Address y = s.destination();
            return order(x, y) ? new Key(x, y) : new Key(y, x);
        }

        private static boolean order(TcpSegment.Address x, TcpSegment.Address y) {
            int c = java.util.Arrays.compare(x.ip(), y.ip());
            return c < 0 || (c == 0 && x.port() <= y.port());
        }
    }

    @Override
    public SourceKind kind() {
        return SourceKind.CAPTURE;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Ending stream(RecordingSink sink) throws SourceException {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        ChannelHandlerContext ctx = channel.pipeline().firstContext();
        String cut = null;
        try (InputStream in = Files.newInputStream(file); PacketFile packets = new PacketFile(in, name)) {
            CaptureOut sinkOut = new Out();
            PacketFile.Packet p;
            try {
                while ((p = packets.next()) != null) {
                    if (runId == null) {
                        start(sink, p);
                    }
                    long t = Math.max(last, p.epochNanos);
                    refresh(t);
                    last = t;
                    packet(p, t, sinkOut, ctx);
                    sampleChanged(t, false);
                    flush(sink);
                }
            } catch (EOFException e) {
                cut = e.getMessage();
            }
            if (runId == null) {
                throw new SourceException(name, "holds no packets");
            }
            for (TcpConnection c : connections.values()) {
                c.finish(last);
            }
            sampleChanged(last, true);
            flush(sink);
            return ending(sink, packets, cut);
        } catch (CaptureFormatException e) {
            throw new SourceException(name, e.getMessage().startsWith(name + ": ")
                    ? e.getMessage().substring(name.length() + 2) : e.getMessage(), e);
        } catch (IOException e) {
            throw new SourceException(name, "cannot be read: " + e.getMessage(), e);
        } finally {
            connections.values().forEach(TcpConnection::release);
            channel.finishAndReleaseAll();
        }
    }

    private void start(RecordingSink sink, PacketFile.Packet first) throws SourceException {
        origin = first.epochNanos;
        last = origin;
        runId = UUID.nameUUIDFromBytes((name + "@" + origin).getBytes(StandardCharsets.UTF_8)).toString();
        Instant at = Instant.ofEpochSecond(Math.floorDiv(origin, 1_000_000_000L), Math.floorMod(origin, 1_000_000_000L));
        sink.open(new RunInfo(runId, "capture", Map.of(CaptureFormat.SOURCE_SETTING, CaptureFormat.SOURCE_CAPTURE,
                "capture.file", file.getFileName().toString(), "capture.ports", options.describe()), at,
                RunInfo.currentVersion()));
    }

    private void packet(PacketFile.Packet p, long t, CaptureOut sinkOut, ChannelHandlerContext ctx) throws CaptureFormatException {
        TcpSegment.Decoded d = TcpSegment.decode(p.linkType, p.data, p.length);
        TcpSegment s = d.segment();
        if (s == null) {
            skipped.merge(d.skipped(), 1L, Long::sum);
            return;
        }
        if (!options.admits(s.source().port(), s.destination().port())) {
            return;
        }
        Key key = Key.of(s);
        TcpConnection c = connections.get(key);
        if (c != null && c.closed() && s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK)) {
            retire(key, c); // the same four-tuple, a new connection
            c = null;
        }
        if (c == null) {
            c = new TcpConnection(key.low(), key.high(), options, sinkOut, ctx, () -> "c" + (++connectionNumber));
            connections.put(key, c);
        }
        c.segment(s, t);
        if (c.closed()) {
            retire(key, c);
        }
    }

    /** Keeps only what the ending needs of a closed connection. */
    private void retire(Key key, TcpConnection c) {
        if (c.http2() != null && c.http2().isHttp2()) {
            http2Connections++;
        } else if (c.http2() != null && c.http2().isTls()) {
            tlsConnections++;
        } else {
            otherConnections++;
        }
        retransmitted += c.retransmittedBytes();
        c.release();
        connections.remove(key);
        sampled.remove(c);
    }

    private int http2Connections;
    private int tlsConnections;
    private int otherConnections;
    private long retransmitted;

    /** Samples of connections unchanged since their last sample, every REFRESH_NANOS up to {@code t}. */
    private void refresh(long t) {
        sampleChanged(last, true);
        for (TcpConnection c : connections.values()) {
            H2Connection h = c.http2();
            if (h == null || !h.live()) {
                continue;
            }
            long[] lastSample = sampled.computeIfAbsent(c, k -> new long[] {last});
            long next = lastSample[0] + REFRESH_NANOS;
            long limit = Math.min(t, lastSample[0] + REFRESH_LIMIT_NANOS);
            while (next < limit) {
                h.sample(next);
                lastSample[0] = next;
                next += REFRESH_NANOS;
            }
            if (t - lastSample[0] >= REFRESH_LIMIT_NANOS) {
                h.sample(t - 1);
                lastSample[0] = t - 1;
            }
        }
    }

    /** Samples connections a frame changed ({@code force}: however recently they were sampled). */
    private void sampleChanged(long t, boolean force) {
        for (TcpConnection c : connections.values()) {
            H2Connection h = c.http2();
            if (h == null || !h.dirty()) {
                continue;
            }
            long[] lastSample = sampled.computeIfAbsent(c, k -> new long[] {Long.MIN_VALUE / 2});
            if (force || t - lastSample[0] >= SAMPLE_NANOS) {
                h.sample(t);
                lastSample[0] = t;
            }
        }
    }

    private void flush(RecordingSink sink) throws SourceException {
        for (Event e : out) {
            sink.accept(e);
        }
        out.clear();
    }

    private Ending ending(RecordingSink sink, PacketFile packets, String cut) throws SourceException {
        for (Map.Entry<Key, TcpConnection> e : new ArrayList<>(connections.entrySet())) {
            retire(e.getKey(), e.getValue());
        }
        if (http2Connections == 0) {
            if (tlsConnections > 0) {
                throw new SourceException(name, "holds " + tlsConnections + " TLS connection(s) and no cleartext HTTP/2: "
                        + "Sluice reads h2c only (capture on the cleartext side, e.g. between a TLS proxy and the server)");
            }
            throw new SourceException(name, "holds no HTTP/2 connection (" + otherConnections + " other TCP connection(s)"
                    + (options.ports().isEmpty() ? "" : " on port(s) " + options.describe()) + ", "
                    + packets.bytesRead() + " bytes); Sluice reads cleartext HTTP/2 (h2c) over TCP");
        }
        StringBuilder info = new StringBuilder("capture: " + http2Connections + " HTTP/2 connection(s)");
        if (tlsConnections + otherConnections > 0) {
            info.append(", ").append(tlsConnections).append(" TLS and ").append(otherConnections)
                    .append(" other TCP connection(s) ignored");
        }
        if (retransmitted > 0) {
            info.append(", ").append(retransmitted).append(" retransmitted bytes dropped");
        }
        skipped.forEach((why, n) -> info.append(", ").append(n).append(" frame(s) skipped: ").append(why.name()
                .toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        emit(last, new AppEvent.Note(info.toString()));
        if (cut != null) {
            gap(last, "the capture is cut: " + cut + " (a capture still being written, or truncated)");
        }
        flush(sink);
        if (warnings.isEmpty()) {
            return Ending.whole();
        }
        return Ending.partial(String.join("; ", warnings) + (moreWarnings > 0 ? "; and " + moreWarnings + " more" : ""));
    }

    private void emit(long epochNanos, EventBody body) {
        out.add(new Event(runId, Math.max(0, Math.max(epochNanos, origin) - origin), THREAD, 0, body));
    }

    private void gap(long epochNanos, String what) {
        emit(epochNanos, new AppEvent.Note("capture: " + what));
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(what + " (at +" + String.format(java.util.Locale.ROOT, "%.3f", (epochNanos - origin) / 1e9) + " s)");
        } else {
            moreWarnings++;
        }
    }

    private final class Out implements CaptureOut {
        @Override
        public void emit(long epochNanos, EventBody body) {
            CaptureSource.this.emit(epochNanos, body);
        }

        @Override
        public void gap(long epochNanos, String what) {
            CaptureSource.this.gap(epochNanos, what);
        }
    }
}
