package dev.sluice.engine.flight;

import io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.InternalProtocolNegotiators;
import io.netty.channel.ChannelHandler;
import io.netty.util.AsciiString;

/**
 * Wraps gRPC's plaintext protocol negotiator so that every new HTTP/2 connection handler is given
 * to the {@link WindowProbe} (receiver policy, DATA counter, stream names) before it is used.
 * Installed with {@code InternalNettyChannelBuilder.setProtocolNegotiatorFactory}.
 */
final class ProbingNegotiatorFactory implements InternalProtocolNegotiator.ClientFactory {

    private final WindowProbe probe;

    ProbingNegotiatorFactory(WindowProbe probe) {
        this.probe = probe;
    }

    @Override
    public InternalProtocolNegotiator.ProtocolNegotiator newNegotiator() {
        InternalProtocolNegotiator.ProtocolNegotiator delegate = InternalProtocolNegotiators.plaintext();
        return new InternalProtocolNegotiator.ProtocolNegotiator() {
            @Override
            public AsciiString scheme() {
                return delegate.scheme();
            }

            @Override
            public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
                probe.attach(grpcHandler);
                return delegate.newHandler(grpcHandler);
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }

    @Override
    public int getDefaultPort() {
        return 80;
    }
}
