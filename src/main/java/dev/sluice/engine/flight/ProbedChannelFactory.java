package dev.sluice.engine.flight;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Creates the client's socket channels and tells the {@link WindowProbe} when one becomes active,
 * so sampling runs on that channel's own event loop.
 */
final class ProbedChannelFactory implements ChannelFactory<Channel> {

    private final WindowProbe probe;

    ProbedChannelFactory(WindowProbe probe) {
        this.probe = probe;
    }

    @Override
    public Channel newChannel() {
        NioSocketChannel ch = new NioSocketChannel();
        ch.pipeline().addFirst("sluice-window-probe", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) throws Exception {
                probe.channelActive(ctx.channel());
                super.channelActive(ctx);
                ctx.pipeline().remove(this);
            }
        });
        return ch;
    }
}
