package dev.sluice.source.pcap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the committed capture fixtures ({@code src/test/resources/fixtures/pcap/}): one gRPC DoGet
 * of ticket {@code part-0} answered by three 1000-byte messages, on every link type, on IPv6, with
 * retransmitted, reordered and overlapping segments, started mid-connection, and with a hole. Run
 * {@link #main} to rewrite them; {@code CaptureFixturesTest} checks the committed files are its output.
 */
final class CaptureFixtures {

    static final String DIR = "src/test/resources/fixtures/pcap";
    static final String PATH = "/arrow.flight.protocol.FlightService/DoGet";
    static final int MESSAGES = 3;
    static final int MESSAGE_BYTES = 1000;
    private static final long T0 = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    private static final long MS = 1_000_000L;
    private static final byte[] CLIENT_V4 = {10, 0, 0, 1};
    private static final byte[] SERVER_V4 = {10, 0, 0, 2};
    private static final byte[] CLIENT_V6 = v6(1);
    private static final byte[] SERVER_V6 = v6(2);

    /** The fixtures, by file name. */
    enum Fixture {
        ETHERNET("ethernet-ipv4.pcap", CaptureWriter.Format.PCAP, 1, false),
        COOKED_V1("linux-cooked-v1.pcap", CaptureWriter.Format.PCAP, 113, false),
        COOKED_V2("linux-cooked-v2.pcapng", CaptureWriter.Format.PCAPNG, 276, false),
        NULL_LOOPBACK("bsd-null-loopback.pcap", CaptureWriter.Format.PCAP, 0, false),
        RAW_IP("raw-ip.pcapng", CaptureWriter.Format.PCAPNG, 101, false),
        IPV6("ethernet-ipv6.pcapng", CaptureWriter.Format.PCAPNG, 1, true),
        RETRANSMISSION("retransmission.pcap", CaptureWriter.Format.PCAP, 1, false),
        MID_CONNECTION("mid-connection.pcapng", CaptureWriter.Format.PCAPNG, 1, false),
        HOLE("hole.pcap", CaptureWriter.Format.PCAP, 1, false);

        final String file;
        final CaptureWriter.Format format;
        final int linkType;
        final boolean ipv6;

        Fixture(String file, CaptureWriter.Format format, int linkType, boolean ipv6) {
            this.file = file;
            this.format = format;
            this.linkType = linkType;
            this.ipv6 = ipv6;
        }
    }

    private CaptureFixtures() {
    }

    public static void main(String[] args) throws IOException {
        writeAll(Path.of(args.length > 0 ? args[0] : DIR));
    }

    static void writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Fixture f : Fixture.values()) {
            write(f, dir.resolve(f.file));
        }
    }

    static void write(Fixture f, Path file) throws IOException {
        Exchange x = new Exchange();
        try (CaptureWriter w = new CaptureWriter(file, f.format, f.linkType)) {
            TcpFlowWriter tcp = new TcpFlowWriter(w, f.ipv6 ? CLIENT_V6 : CLIENT_V4, 55_000, f.ipv6 ? SERVER_V6 : SERVER_V4, 50_051);
            switch (f) {
                case RETRANSMISSION -> {
                    tcp.handshake(T0);
                    opening(tcp, x);
                    byte[] d = x.serverData;
                    int s0 = tcp.serverSeq;
                    // out of order: the second half first; then the first half twice (a retransmission);
                    // then a segment overlapping both halves
                    int half = d.length / 2;
                    tcp.segment(T0 + 3 * MS, false, s0 + half, tcp.clientSeq, TcpSegment.ACK, d, half, d.length - half);
                    tcp.segment(T0 + 4 * MS, false, s0, tcp.clientSeq, TcpSegment.ACK, d, 0, half);
                    tcp.segment(T0 + 5 * MS, false, s0, tcp.clientSeq, TcpSegment.ACK, d, 0, half);
                    tcp.segment(T0 + 6 * MS, false, s0 + half - 100, tcp.clientSeq, TcpSegment.ACK, d, half - 100, 200);
                    tcp.serverSeq += d.length;
                    closing(tcp, x);
                }
                case MID_CONNECTION -> {
                    // the capture starts after the request: no SYN, no preface, no SETTINGS, no HEADERS
                    tcp.clientSeq += 5000;
                    tcp.serverSeq += 7000;
                    tcp.send(T0 + 3 * MS, false, x.serverData);
                    closing(tcp, x);
                }
                case HOLE -> {
                    tcp.handshake(T0);
                    opening(tcp, x);
                    byte[] d = x.serverData;
                    int s0 = tcp.serverSeq;
                    int cut = MESSAGE_BYTES + 300; // inside the second message
                    tcp.segment(T0 + 3 * MS, false, s0, tcp.clientSeq, TcpSegment.ACK, d, 0, cut);
                    // 600 bytes never captured; the client acknowledges them, so they were sent
                    tcp.segment(T0 + 4 * MS, false, s0 + cut + 600, tcp.clientSeq, TcpSegment.ACK, d, cut + 600,
                            d.length - cut - 600);
                    tcp.serverSeq += d.length;
                    tcp.ack(T0 + 5 * MS, true);
                    closing(tcp, x);
                }
                default -> {
                    tcp.handshake(T0);
                    opening(tcp, x);
                    tcp.send(T0 + 3 * MS, false, x.serverData);
                    closing(tcp, x);
                }
            }
        }
    }

    private static void opening(TcpFlowWriter tcp, Exchange x) throws IOException {
        tcp.send(T0 + MS, true, x.clientOpening);
        tcp.send(T0 + 2 * MS, false, x.serverOpening);
        tcp.send(T0 + 2 * MS + MS / 2, true, x.clientAck);
    }

    private static void closing(TcpFlowWriter tcp, Exchange x) throws IOException {
        tcp.send(T0 + 7 * MS, true, x.clientWindowUpdates);
        tcp.send(T0 + 8 * MS, false, x.serverTrailers);
        tcp.fin(T0 + 9 * MS);
    }

    /** The HTTP/2 bytes of both sides, written by Netty's frame writer (one HPACK encoder per side). */
    private static final class Exchange {
        final byte[] clientOpening;
        final byte[] clientAck;
        final byte[] serverOpening;
        final byte[] serverData;
        final byte[] clientWindowUpdates;
        final byte[] serverTrailers;

        @SuppressWarnings("FutureReturnValueIgnored") // each write returns the promise it was given; bytes() checks them
        Exchange() {
            Frames client = new Frames();
            Frames server = new Frames();
            Http2Headers request = new DefaultHttp2Headers().method("POST").scheme("http").path(PATH)
                    .authority("10.0.0.2:50051").add("content-type", "application/grpc").add("te", "trailers");
            byte[] ticket = "part-0".getBytes(StandardCharsets.UTF_8);
            ByteBuffer msg = ByteBuffer.allocate(5 + 2 + ticket.length).put((byte) 0).putInt(2 + ticket.length)
                    .put((byte) 0x0A).put((byte) ticket.length).put(ticket);
            clientOpening = concat(FrameStream.PREFACE, client.bytes(w -> {
                w.writeSettings(client.ctx, new Http2Settings().initialWindowSize(1 << 20), client.promise());
                w.writeWindowUpdate(client.ctx, 0, (1 << 20) - 65_535, client.promise());
                w.writeHeaders(client.ctx, 1, request, 0, false, client.promise());
                w.writeData(client.ctx, 1, Unpooled.wrappedBuffer(msg.array()), 0, true, client.promise());
            }));
            serverOpening = server.bytes(w -> {
                w.writeSettings(server.ctx, new Http2Settings().maxConcurrentStreams(100), server.promise());
                w.writeSettingsAck(server.ctx, server.promise());
                w.writeHeaders(server.ctx, 1, new DefaultHttp2Headers().status("200").add("content-type", "application/grpc"),
                        0, false, server.promise());
            });
            clientAck = client.bytes(w -> w.writeSettingsAck(client.ctx, client.promise()));
            serverData = server.bytes(w -> {
                for (int i = 0; i < MESSAGES; i++) {
                    byte[] body = new byte[5 + MESSAGE_BYTES];
                    Arrays.fill(body, (byte) 'x');
                    ByteBuffer.wrap(body).put((byte) 0).putInt(MESSAGE_BYTES);
                    w.writeData(server.ctx, 1, Unpooled.wrappedBuffer(body), 0, false, server.promise());
                }
            });
            clientWindowUpdates = client.bytes(w -> {
                w.writeWindowUpdate(client.ctx, 0, MESSAGES * (5 + MESSAGE_BYTES), client.promise());
                w.writeWindowUpdate(client.ctx, 1, MESSAGES * (5 + MESSAGE_BYTES), client.promise());
            });
            serverTrailers = server.bytes(w -> w.writeHeaders(server.ctx, 1,
                    new DefaultHttp2Headers().add("grpc-status", "0"), 0, true, server.promise()));
            client.close();
            server.close();
        }
    }

    /** One side's frame writer, writing into an embedded channel whose outbound bytes are collected. */
    private static final class Frames {
        final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter());
        final ChannelHandlerContext ctx = channel.pipeline().firstContext();
        final DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();

        final List<io.netty.channel.ChannelPromise> promises = new ArrayList<>();

        io.netty.channel.ChannelPromise promise() {
            io.netty.channel.ChannelPromise p = channel.newPromise();
            promises.add(p);
            return p;
        }

        interface Writes {
            void to(DefaultHttp2FrameWriter w);
        }

        byte[] bytes(Writes writes) {
            writes.to(writer);
            channel.flush();
            for (io.netty.channel.ChannelPromise p : promises) {
                if (p.isDone() && !p.isSuccess()) {
                    throw new IllegalStateException("writing a fixture frame failed", p.cause());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuf b;
            while ((b = channel.readOutbound()) != null) {
                byte[] a = new byte[b.readableBytes()];
                b.readBytes(a);
                out.writeBytes(a);
                b.release();
            }
            return out.toByteArray();
        }

        void close() {
            channel.finishAndReleaseAll();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] v6(int last) {
        byte[] a = new byte[16];
        a[0] = (byte) 0xFD;
        a[15] = (byte) last;
        return a;
    }
}
