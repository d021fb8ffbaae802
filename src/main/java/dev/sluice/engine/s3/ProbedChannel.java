package dev.sluice.engine.s3;

import dev.sluice.event.Emitter;
import dev.sluice.event.S3Event;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;

/**
 * A Netty socket channel that recognizes the requests written to it by the per-request header
 * {@link #HEADER} and reports, on its event loop, which channel (id and local port) and which
 * event loop carry that request's I/O.
 */
final class ProbedChannel extends NioSocketChannel {

    /** Carries Sluice's request id to the channel; unsigned, ignored by servers. */
    static final String HEADER = "x-sluice-request";

    private final String client;
    private final Emitter emitter;

    ProbedChannel(String client, Emitter emitter) {
        this.client = client;
        this.emitter = emitter;
    }

    @Override
    public ChannelFuture write(Object msg) {
        note(msg);
        return super.write(msg);
    }

    @Override
    public ChannelFuture writeAndFlush(Object msg) {
        note(msg);
        return super.writeAndFlush(msg);
    }

    private void note(Object msg) {
        if (msg instanceof HttpRequest r) {
            String request = r.headers().get(HEADER);
            if (request != null) {
                if (eventLoop().inEventLoop()) {
                    emitIo(request);
                } else {
                    eventLoop().execute(() -> emitIo(request));
                }
            }
        }
    }

    private void emitIo(String request) {
        InetSocketAddress local = localAddress();
        String channel = "ch-" + id().asShortText() + (local == null ? "" : ":" + local.getPort());
        emitter.emit(new S3Event.RequestIo(client, request, channel, Thread.currentThread().getName()));
    }
}
