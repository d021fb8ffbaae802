package dev.sluice.engine.flight;

import io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.InternalProtocolNegotiators;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsciiString;

/**
 * Wraps gRPC's plaintext or TLS protocol negotiator so that every new HTTP/2 connection handler is given
 * to the {@link WindowProbe} (receiver policy, DATA counter, stream names) before it is used.
 * Installed with {@code InternalNettyChannelBuilder.setProtocolNegotiatorFactory}.
 */
final class ProbingNegotiatorFactory implements InternalProtocolNegotiator.ClientFactory {

    private final WindowProbe probe;
    private final SslContext tls;

    /** @param tls the client TLS context, or null for plaintext */
    ProbingNegotiatorFactory(WindowProbe probe, SslContext tls) {
        this.probe = probe;
        this.tls = tls;
    }

    @Override
    public InternalProtocolNegotiator.ProtocolNegotiator newNegotiator() {
        // TLS: hostname verified against the channel's authority (no SNI override, no per-RPC authority check)
        InternalProtocolNegotiator.ProtocolNegotiator delegate = tls == null ? InternalProtocolNegotiators.plaintext()
                : InternalProtocolNegotiators.tls(tls, null, null);
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
        return tls == null ? 80 : 443;
    }
}
