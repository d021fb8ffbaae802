package dev.sluice.source.pcap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersDecoder;
import java.nio.charset.StandardCharsets;

/**
 * One direction of an HTTP/2 connection: the reassembled TCP bytes in, frames out through Netty's
 * {@link DefaultHttp2FrameReader} and HPACK decoder. Knows where frames start: after the client
 * preface, after an h2c Upgrade's HTTP/1.1 head, or, after a hole or a mid-connection start, at the
 * first offset where three frame headers in a row make sense.
 */
final class FrameStream implements TcpDirection.Reader {

    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** How much unparseable data is kept while looking for frames again; older bytes are dropped. */
    private static final int MAX_SYNC_BUFFER = 1 << 20;
    private static final int MAX_HTTP1_HEAD = 64 << 10;

    /** Where the stream is. */
    enum State {
        /** Client side of a fresh connection: the preface, or an HTTP/1.1 Upgrade request. */
        START,
        /** Inside an HTTP/1.1 head (h2c Upgrade request or 101 response). */
        HTTP1,
        /** Looking for a frame boundary (mid-connection start, after a hole). */
        SYNC,
        FRAMES,
        /** Not HTTP/2 (TLS, HTTP/1.1 without Upgrade, anything else): ignored. */
        OTHER
    }

    /** What the connection hears about this direction besides frames. */
    interface Events {
        void frameTime(long timeNanos);

        void hole(FrameStream stream, long at, long length, long timeNanos);

        /** The first bytes say this is not HTTP/2 ({@code tls}: a TLS record). */
        void notHttp2(FrameStream stream, boolean tls);

        /** An h2c Upgrade request's head: its request line and HTTP2-Settings, decoded by the caller. */
        void upgrade(String head);
    }

    final boolean fromClient;
    private final Http2FrameListener listener;
    private final Events events;
    private final ChannelHandlerContext ctx;
    private ByteBuf buffer = Unpooled.buffer(1 << 14);
    private DefaultHttp2FrameReader reader;
    private State state;
    /** HPACK state is unknown (headers after a hole or a mid-connection start may be wrong). */
    boolean hpackLost;
    private long skipped;
    private long frameErrors;

    FrameStream(boolean fromClient, boolean fromStart, Http2FrameListener listener, Events events, ChannelHandlerContext ctx) {
        this.fromClient = fromClient;
        this.listener = listener;
        this.events = events;
        this.ctx = ctx;
        this.state = fromStart ? (fromClient ? State.START : State.FRAMES) : State.SYNC;
        this.hpackLost = !fromStart;
        newReader();
    }

    State state() {
        return state;
    }

    /** The server's side of an h2c Upgrade: its 101 response comes first. */
    void expectHttp1() {
        state = State.HTTP1;
    }

    long skippedBytes() {
        return skipped;
    }

    long frameErrors() {
        return frameErrors;
    }

    private void newReader() {
        DefaultHttp2HeadersDecoder hpack = new DefaultHttp2HeadersDecoder(false, false, Long.MAX_VALUE >>> 33);
        try {
            hpack.maxHeaderTableSize(1L << 30); // the peer's encoder may use whatever table its SETTINGS allow
        } catch (Http2Exception e) {
            throw new IllegalStateException("HPACK table size refused", e);
        }
        reader = new DefaultHttp2FrameReader(new LenientHeaders(hpack));
        try {
            reader.maxFrameSize(0xFFFFFF); // frames are read as sent, whatever size the receiver allowed
        } catch (Http2Exception e) {
            throw new IllegalStateException("frame size refused", e);
        }
    }

    @Override
    public void bytes(byte[] data, int offset, int length, long timeNanos) throws CaptureFormatException {
        if (state == State.OTHER) {
            return;
        }
        buffer.writeBytes(data, offset, length);
        events.frameTime(timeNanos);
        process();
        buffer.discardSomeReadBytes();
    }

    @Override
    public void hole(long at, long length, long timeNanos) {
        if (state == State.OTHER) {
            return;
        }
        events.hole(this, at, length, timeNanos);
        buffer.clear();
        state = State.SYNC;
        hpackLost = true;
        newReader();
    }

    private void process() {
        while (true) {
            switch (state) {
                case START -> {
                    if (!start()) {
                        return;
                    }
                }
                case HTTP1 -> {
                    if (!http1()) {
                        return;
                    }
                }
                case SYNC -> {
                    if (!sync()) {
                        return;
                    }
                }
                case FRAMES -> {
                    frames();
                    return;
                }
                case OTHER -> {
                    buffer.clear();
                    return;
                }
            }
        }
    }

    private boolean start() {
        int n = Math.min(buffer.readableBytes(), PREFACE.length);
        if (isTls()) {
            state = State.OTHER;
            events.notHttp2(this, true);
            return true;
        }
        for (int i = 0; i < n; i++) {
            if (buffer.getByte(buffer.readerIndex() + i) != PREFACE[i]) {
                state = startsWithAscii("GET ") || startsWithAscii("POST ") || startsWithAscii("OPTIONS ")
                        ? State.HTTP1 : State.OTHER;
                if (state == State.OTHER) {
                    events.notHttp2(this, false);
                }
                return true;
            }
        }
        if (n < PREFACE.length) {
            return false;
        }
        buffer.skipBytes(PREFACE.length);
        state = State.FRAMES;
        return true;
    }

    /** An HTTP/1.1 head: the client's Upgrade request (then the preface follows) or the server's 101. */
    private boolean http1() {
        int end = indexOf("\r\n\r\n");
        if (end < 0) {
            if (buffer.readableBytes() > MAX_HTTP1_HEAD) {
                state = State.OTHER;
                events.notHttp2(this, false);
                return true;
            }
            return false;
        }
        String head = buffer.toString(buffer.readerIndex(), end - buffer.readerIndex(), StandardCharsets.ISO_8859_1);
        buffer.readerIndex(end + 4);
        boolean upgrade = head.toLowerCase(java.util.Locale.ROOT).matches("(?s).*\r\nupgrade:\\s*h2c.*");
        if (fromClient && upgrade) {
            events.upgrade(head);
            state = State.START; // the preface follows the server's 101
        } else if (!fromClient && head.startsWith("HTTP/1.1 101")) {
            state = State.FRAMES;
        } else {
            state = State.OTHER;
            events.notHttp2(this, false);
        }
        return true;
    }

    private boolean sync() {
        if (!fromClient || buffer.readableBytes() >= PREFACE.length) {
            int at = indexOf(new String(PREFACE, StandardCharsets.US_ASCII));
            if (at >= 0) {
                skip(at - buffer.readerIndex() + PREFACE.length);
                state = State.FRAMES;
                return true;
            }
        }
        int from = buffer.readerIndex();
        int to = buffer.writerIndex();
        for (int i = from; i + 9 <= to; i++) {
            if (FrameHeaders.plausibleRun(buffer, i, to)) {
                skip(i - from);
                state = State.FRAMES;
                return true;
            }
        }
        if (buffer.readableBytes() > MAX_SYNC_BUFFER) {
            skip(buffer.readableBytes() - 64);
        }
        return false;
    }

    private void skip(int n) {
        skipped += n;
        buffer.skipBytes(n);
    }

    private void frames() {
        try {
            reader.readFrame(ctx, buffer, listener);
        } catch (Http2Exception | RuntimeException e) {
            // a frame that makes no sense: the boundary was wrong or bytes are damaged; find the next one
            frameErrors++;
            buffer.clear();
            state = State.SYNC;
            hpackLost = true;
            newReader();
        }
    }

    private boolean isTls() {
        return buffer.readableBytes() >= 3 && buffer.getByte(buffer.readerIndex()) == 0x16
                && buffer.getByte(buffer.readerIndex() + 1) == 0x03 && buffer.getByte(buffer.readerIndex() + 2) <= 0x04;
    }

    private boolean startsWithAscii(String s) {
        if (buffer.readableBytes() < s.length()) {
            return false;
        }
        return s.equals(buffer.toString(buffer.readerIndex(), s.length(), StandardCharsets.US_ASCII));
    }

    private int indexOf(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int to = buffer.writerIndex() - b.length;
        outer:
        for (int i = buffer.readerIndex(); i <= to; i++) {
            for (int j = 0; j < b.length; j++) {
                if (buffer.getByte(i + j) != b[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    void release() {
        buffer.release();
        buffer = Unpooled.EMPTY_BUFFER;
        reader.close();
    }

    /** HPACK that survives a lost state: a block it cannot decode yields no headers and marks the direction. */
    private final class LenientHeaders implements Http2HeadersDecoder {
        private final DefaultHttp2HeadersDecoder hpack;

        LenientHeaders(DefaultHttp2HeadersDecoder hpack) {
            this.hpack = hpack;
        }

        @Override
        public Http2Headers decodeHeaders(int streamId, ByteBuf headerBlock) {
            try {
                return hpack.decodeHeaders(streamId, headerBlock);
            } catch (Http2Exception | RuntimeException e) {
                hpackLost = true;
                headerBlock.skipBytes(headerBlock.readableBytes());
                return new DefaultHttp2Headers(false);
            }
        }

        @Override
        public Configuration configuration() {
            return hpack.configuration();
        }
    }
}
