package dev.sluice.source.pcap;

import dev.sluice.event.AppEvent;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.FlightEvent.StreamOutcome;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One HTTP/2 connection rebuilt from both directions of its TCP stream: SETTINGS (applied when the
 * peer ACKs them), every connection and stream window (RFC 9113 §6.9), streams by {@code :path}, gRPC
 * messages, RST_STREAM and GOAWAY, emitted as the Flight events the live probes emit. "Receive"
 * windows are the client's, as in the probes: what the server may still send it.
 */
final class H2Connection {

    /** RFC 9113 §6.9.2: every connection starts with this window; SETTINGS never change it. */
    static final long DEFAULT_WINDOW = 65_535;

    final String name;
    private final String endpoint;
    private final CaptureOut out;
    private final boolean relative;
    private boolean opened;
    private boolean ended; // the TCP connection closed: nothing more is sampled
    private long now;
    private long connToClient = DEFAULT_WINDOW;
    private long peakToClient = DEFAULT_WINDOW;
    private long connToServer = DEFAULT_WINDOW;
    private long clientInitial = DEFAULT_WINDOW;
    private long serverInitial = DEFAULT_WINDOW;
    private int serverMaxStreams = -1;
    private final Deque<Http2Settings> clientSettings = new ArrayDeque<>();
    private final Deque<Http2Settings> serverSettings = new ArrayDeque<>();
    private final Map<Integer, WireStream> streams = new LinkedHashMap<>();
    private int highestClientStream;
    /** Streams already ended, so DATA still in flight after a RST_STREAM does not open them again. */
    private final Set<Integer> closedIds = new LinkedHashSet<>();
    private static final int MAX_CLOSED_REMEMBERED = 10_000;
    private boolean tls;
    private String goAway;
    private boolean dirty;
    final FrameStream client;
    final FrameStream server;

    /** {@code fromStart}: the SYN was captured, so windows are absolute; otherwise relative to the first packet. */
    H2Connection(String name, String endpoint, boolean fromStart, CaptureOut out, ChannelHandlerContext ctx) {
        this.name = name;
        this.endpoint = endpoint;
        this.out = out;
        this.relative = !fromStart;
        FrameStream.Events events = new FrameStream.Events() {
            @Override
            public void frameTime(long timeNanos) { now = timeNanos; }

            @Override
            public void hole(FrameStream stream, long at, long length, long timeNanos) {
                holeIn(stream, at, length, timeNanos);
            }

            @Override
            public void notHttp2(FrameStream stream, boolean isTls) {
                tls |= isTls; // nothing was emitted for it; the capture source counts such connections
            }

            @Override
            public void upgrade(String head) {
                upgradeRequest(head);
            }
        };
        this.client = new FrameStream(true, fromStart, new Listener(true), events, ctx);
        this.server = new FrameStream(false, fromStart, new Listener(false), events, ctx);
    }

    boolean isHttp2() {
        return opened;
    }

    /** One of its directions starts with a TLS record. */
    boolean isTls() {
        return tls;
    }

    /** Whether it is open and has changed since its last sample. */
    boolean dirty() {
        return dirty && !ended;
    }

    boolean live() {
        return opened && !ended;
    }

    private void open() {
        if (opened) {
            return;
        }
        opened = true;
        out.emit(now, new FlightEvent.ConnectionOpened(name, endpoint + (relative ? " (capture starts mid-connection)" : ""),
                FlightEvent.ReceiverPolicy.GRPC_JAVA, DEFAULT_WINDOW, -1));
        if (relative) {
            out.gap(now, name + " (" + endpoint + ") was already open when the capture started: its windows are counted "
                    + "from the first packet seen (relative, not absolute), stream windows become exact for streams opened "
                    + "after a SETTINGS with an initial window is seen, and request names of streams already open are unknown");
        }
    }

    private void holeIn(FrameStream stream, long at, long length, long timeNanos) {
        now = timeNanos;
        String dir = stream.fromClient ? "client→server" : "server→client";
        if (opened) {
            out.gap(timeNanos, name + " (" + endpoint + ") " + dir + ": " + length + " bytes missing from the capture at byte "
                    + at + ": frames there are lost, so windows of " + name + " are relative from here on, gRPC message "
                    + "boundaries of its open streams are unknown and headers after it may be unnamed (HPACK state lost)");
        }
        for (WireStream s : streams.values()) {
            (stream.fromClient ? s.toServer : s.toClient).lost = true;
        }
    }

    /** An h2c Upgrade request: stream 1 is the request, its HTTP2-Settings are the client's first SETTINGS. */
    private void upgradeRequest(String head) {
        open();
        H2cUpgrade upgrade = H2cUpgrade.parse(head);
        WireStream s = stream(1, true);
        s.path = upgrade.path();
        s.authority = upgrade.authority();
        s.clientEnded = true;
        if (upgrade.settings() != null) {
            apply(true, upgrade.settings()); // RFC 7540 §3.2.1: the 101 response acknowledges them implicitly
        }
        server.expectHttp1();
    }

    private WireStream stream(int id, boolean create) {
        WireStream s = streams.get(id);
        if (s == null && create && id % 2 == 1 && !closedIds.contains(id) && (relative || id > highestClientStream)) {
            highestClientStream = Math.max(highestClientStream, id);
            s = new WireStream(id, name + "-s" + id, clientInitial, serverInitial);
            streams.put(id, s);
        }
        return s;
    }

    private void announce(WireStream s) {
        if (!s.announced) {
            s.announced = true;
            if (s.ticket == null) {
                s.ticket = s.toServer.ticket();
            }
            out.emit(now, new FlightEvent.StreamOpened(name, s.name, s.description()));
            out.emit(now, new FlightEvent.StreamActive(name, s.name, s.id));
        }
    }

    private void complete(WireStream s, StreamOutcome outcome, String error) {
        announce(s);
        s.done = true;
        streams.remove(s.id);
        closedIds.add(s.id);
        if (closedIds.size() > MAX_CLOSED_REMEMBERED) {
            closedIds.remove(closedIds.iterator().next());
        }
        out.emit(now, new FlightEvent.StreamCompleted(name, s.name, outcome, 0, error));
        dirty = true;
    }

    private void apply(boolean fromClient, Http2Settings s) {
        Integer window = s.initialWindowSize();
        if (window != null) {
            long delta = window - (fromClient ? clientInitial : serverInitial);
            for (WireStream w : streams.values()) {
                if (fromClient) {
                    w.windowToClient += delta; // may go negative: legal after a decrease (§6.9.2)
                } else {
                    w.windowToServer += delta;
                }
            }
            if (fromClient) {
                clientInitial = window;
            } else {
                serverInitial = window;
            }
        }
        Long max = s.maxConcurrentStreams();
        if (!fromClient && max != null) {
            serverMaxStreams = (int) Math.min(Integer.MAX_VALUE, max);
        }
        out.emit(now, new FlightEvent.ConnectionSettings(name, clientInitial, serverInitial, serverMaxStreams));
        dirty = true;
    }

    /** The TCP connection ended: streams still open failed with it. */
    void closed(boolean byServer, String how, long timeNanos) {
        now = timeNanos;
        if (!opened || ended) {
            return;
        }
        String reason = how + (goAway == null ? "" : " after " + goAway);
        for (WireStream s : streams.values().toArray(WireStream[]::new)) {
            complete(s, StreamOutcome.FAILED, "the connection closed (" + reason + ") with the stream open");
        }
        out.emit(now, new FlightEvent.ConnectionClosed(name, reason, byServer));
        ended = true;
    }

    /** Emits the windows of the connection and of every open stream, as the live probes' samples. */
    void sample(long timeNanos) {
        if (!opened || ended) {
            return;
        }
        now = timeNanos;
        int active = 0;
        for (WireStream s : streams.values()) {
            announce(s);
            active++;
        }
        out.emit(now, new FlightEvent.ConnectionWindowSampled(name, connToClient, peakToClient,
                Math.max(0, peakToClient - connToClient), connToServer, active, 0));
        for (WireStream s : streams.values()) {
            out.emit(now, new FlightEvent.StreamWindowSampled(name, s.name, s.windowToClient, s.unreturnedToClient,
                    s.windowToServer, s.bytesToClient));
        }
        dirty = false;
    }

    void release() {
        client.release();
        server.release();
    }

    /** Frames of one direction. */
    private final class Listener extends Http2FrameAdapter {
        private final boolean fromClient;

        Listener(boolean fromClient) {
            this.fromClient = fromClient;
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean end) {
            open();
            int flow = data.readableBytes() + padding;
            WireStream s = stream(streamId, true);
            dirty = true;
            if (fromClient) {
                connToServer -= flow;
                if (s != null) {
                    s.windowToServer -= flow;
                    s.toServer.feed(data, length -> {
                        if (s.ticket == null) {
                            s.ticket = s.toServer.ticket();
                        }
                        announce(s);
                    });
                }
            } else {
                connToClient -= flow;
                if (s != null) {
                    announce(s);
                    s.windowToClient -= flow;
                    s.bytesToClient += flow;
                    s.unreturnedToClient += flow;
                    s.toClient.feed(data, length -> out.emit(now, new FlightEvent.BatchReceived(name, s.name, 0, length)));
                }
            }
            if (s != null && end) {
                ended(s);
            }
            return flow;
        }

        private void ended(WireStream s) {
            if (fromClient) {
                s.clientEnded = true;
                announce(s);
            } else {
                complete(s, StreamOutcome.OK, null);
            }
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding, boolean end) {
            open();
            boolean named = !(fromClient ? client : server).hpackLost;
            WireStream s = stream(streamId, fromClient || streamId > highestClientStream);
            if (s == null) {
                return;
            }
            if (fromClient && named && s.path.isEmpty()) {
                s.path = Objects.toString(headers.path(), "");
                s.authority = Objects.toString(headers.authority(), "");
            }
            if (!fromClient) {
                announce(s);
                CharSequence status = headers.get("grpc-status");
                if (status != null && end) {
                    String code = status.toString();
                    CharSequence message = headers.get("grpc-message");
                    complete(s, "0".equals(code) ? StreamOutcome.OK : StreamOutcome.FAILED, "0".equals(code) ? null
                            : "grpc-status " + code + (message == null ? "" : ": " + message));
                    return;
                }
            }
            if (end) {
                ended(s);
            }
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int dependency,
                                  short weight, boolean exclusive, int padding, boolean end) {
            onHeadersRead(ctx, streamId, headers, padding, end);
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
            open();
            WireStream s = streams.get(streamId);
            if (s != null) {
                Http2Error e = Http2Error.valueOf(errorCode);
                String code = e == null ? "error " + errorCode : e.name();
                complete(s, e == Http2Error.CANCEL ? StreamOutcome.CANCELLED : StreamOutcome.FAILED,
                        "RST_STREAM " + code + " from the " + (fromClient ? "client" : "server"));
            }
        }

        @Override
        public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
            open();
            (fromClient ? clientSettings : serverSettings).add(settings);
        }

        @Override
        public void onSettingsAckRead(ChannelHandlerContext ctx) {
            open();
            // the ACK says the peer now applies the oldest unacknowledged SETTINGS of this side's peer
            Http2Settings acked = (fromClient ? serverSettings : clientSettings).poll();
            if (acked != null) {
                apply(!fromClient, acked);
            }
        }

        @Override
        public void onWindowUpdateRead(ChannelHandlerContext ctx, int streamId, int increment) {
            open();
            dirty = true;
            if (streamId == 0) {
                if (fromClient) {
                    connToClient += increment;
                    peakToClient = Math.max(peakToClient, connToClient);
                } else {
                    connToServer += increment;
                }
                out.emit(now, new FlightEvent.WindowUpdate(name, "", fromClient, increment));
                return;
            }
            WireStream s = streams.get(streamId);
            if (s == null) {
                return;
            }
            announce(s);
            if (fromClient) {
                s.windowToClient += increment;
                s.unreturnedToClient = Math.max(0, s.unreturnedToClient - increment);
            } else {
                s.windowToServer += increment;
            }
            out.emit(now, new FlightEvent.WindowUpdate(name, s.name, fromClient, increment));
        }

        @Override
        public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
            open();
            Http2Error e = Http2Error.valueOf(errorCode);
            goAway = "GOAWAY " + (e == null ? "error " + errorCode : e.name()) + " from the "
                    + (fromClient ? "client" : "server") + " (last stream " + lastStreamId + ")";
            out.emit(now, new AppEvent.Note(name + ": " + goAway));
            if (!fromClient) {
                for (WireStream s : streams.values().toArray(WireStream[]::new)) {
                    if (s.id > lastStreamId && s.id % 2 == 1) {
                        complete(s, StreamOutcome.FAILED, "refused by the server's " + goAway);
                    }
                }
            }
        }
    }
}
