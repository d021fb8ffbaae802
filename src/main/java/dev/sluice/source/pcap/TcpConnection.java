package dev.sluice.source.pcap;

import dev.sluice.source.pcap.TcpSegment.Address;
import io.netty.channel.ChannelHandlerContext;
import java.util.function.Supplier;

/**
 * One TCP connection of the capture: both directions reassembled, and the HTTP/2 connection read
 * from them. The client is the side that sent the SYN; without one (a capture started
 * mid-connection), the side not on a port the user named, else the side on the higher port.
 */
final class TcpConnection {

    private final Address a;
    private final Address b;
    private final CaptureOptions options;
    private final CaptureOut out;
    private final ChannelHandlerContext ctx;
    private final Supplier<String> names;
    private final TcpDirection fromA;
    private final TcpDirection fromB;
    private Boolean clientIsA;
    private H2Connection h2;
    private boolean finA;
    private boolean finB;
    /** Who closed first (the other side's FIN answers it). */
    private boolean firstFinA;
    private boolean closed;

    TcpConnection(Address a, Address b, CaptureOptions options, CaptureOut out, ChannelHandlerContext ctx,
                  Supplier<String> names) {
        this.a = a;
        this.b = b;
        this.options = options;
        this.out = out;
        this.ctx = ctx;
        this.names = names;
        this.fromA = new TcpDirection(new Forward(true));
        this.fromB = new TcpDirection(new Forward(false));
    }

    boolean closed() {
        return closed;
    }

    /** The HTTP/2 connection, once its first bytes were read; null before (and for connections that carry none). */
    H2Connection http2() {
        return h2;
    }

    void segment(TcpSegment s, long t) throws CaptureFormatException {
        boolean isA = s.source().equals(a);
        TcpDirection dir = isA ? fromA : fromB;
        if (s.has(TcpSegment.SYN)) {
            dir.syn(s.seq());
            if (clientIsA == null) {
                clientIsA = s.has(TcpSegment.ACK) != isA;
            }
        }
        dir.segment(s.seq(), s.data(), s.offset(), s.length(), t);
        if (s.has(TcpSegment.FIN)) {
            dir.fin(s.seq(), s.length());
        }
        if (s.has(TcpSegment.ACK)) {
            (isA ? fromB : fromA).acknowledged(s.ack(), t);
        }
        if (s.has(TcpSegment.RST)) {
            close(isA, "RST", t);
        } else if (s.has(TcpSegment.FIN)) {
            if (!finA && !finB) {
                firstFinA = isA;
            }
            finA |= isA;
            finB |= !isA;
            if (finA && finB) {
                close(firstFinA, "FIN", t);
            }
        }
    }

    private void close(boolean byA, String how, long t) throws CaptureFormatException {
        if (closed) {
            return;
        }
        closed = true;
        fromA.finish(t);
        fromB.finish(t);
        if (h2 != null) {
            boolean byServer = byA != clientIsA();
            h2.closed(byServer, how + " from the " + (byServer ? "server" : "client"), t);
        }
    }

    /** The capture ended: gaps left are holes. */
    void finish(long t) throws CaptureFormatException {
        if (!closed) {
            fromA.finish(t);
            fromB.finish(t);
        }
    }

    private boolean clientIsA() {
        if (clientIsA == null) {
            boolean aServes = options.serves(a.port());
            boolean bServes = options.serves(b.port());
            clientIsA = aServes != bServes ? bServes : a.port() > b.port(); // ephemeral ports are usually the higher
        }
        return clientIsA;
    }

    private H2Connection h2() {
        if (h2 == null) {
            boolean clientA = clientIsA();
            TcpDirection clientDir = clientA ? fromA : fromB;
            h2 = new H2Connection(names.get(), (clientA ? b : a).toString(), clientDir.synSeen(), out, ctx);
        }
        return h2;
    }

    long retransmittedBytes() {
        return fromA.retransmittedBytes() + fromB.retransmittedBytes();
    }

    void release() {
        if (h2 != null) {
            h2.release();
        }
    }

    /** Hands one direction's bytes to the HTTP/2 side of that direction. */
    private final class Forward implements TcpDirection.Reader {
        private final boolean fromA;

        Forward(boolean fromA) {
            this.fromA = fromA;
        }

        private FrameStream frames() {
            H2Connection c = h2();
            return fromA == clientIsA() ? c.client : c.server;
        }

        @Override
        public void bytes(byte[] data, int offset, int length, long timeNanos) throws CaptureFormatException {
            frames().bytes(data, offset, length, timeNanos);
        }

        @Override
        public void hole(long at, long length, long timeNanos) throws CaptureFormatException {
            frames().hole(at, length, timeNanos);
        }
    }
}
