package dev.sluice.engine.flight;

import dev.sluice.event.Emitter;
import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.InternalNettyChannelBuilder;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightGrpcUtils;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.grpc.NettyClientBuilder;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel (one HTTP/2 connection) to one Flight endpoint, shared by all its streams. Built with
 * Flight's {@link NettyClientBuilder} (keeps the unlimited inbound message size), customised with
 * the window, the owned event loops, the probed channel factory and the receiver policy, then
 * wrapped with {@link FlightGrpcUtils#createFlightClient}.
 */
final class ShuffleConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShuffleConnection.class);

    private final Location location;
    private final WindowProbe probe;
    private final ManagedChannel channel;
    private final FlightClient client;

    ShuffleConnection(String name, Location location, ShuffleConfig config, BufferAllocator allocator,
                      EventLoopGroup loops, Emitter out, Path trustedCertificates, FlightAuth auth) throws FlightEndpointException {
        String scheme = location.getUri().getScheme();
        if (!"grpc+tcp".equals(scheme) && !"grpc+tls".equals(scheme)) {
            throw new IllegalArgumentException("endpoint " + location.getUri() + ": the probed client speaks grpc+tcp:// and grpc+tls://");
        }
        this.location = location;
        this.probe = new WindowProbe(name, location.getUri().toString(), config.receiver(), config.window(), out,
                config.sampleEvery().toNanos());
        NettyChannelBuilder b = new NettyClientBuilder(allocator, location).build();
        b.eventLoopGroup(loops).channelFactory(new ProbedChannelFactory(probe)).disableRetry();
        if (config.autoTuneWindow()) {
            b.initialFlowControlWindow(config.window());
        } else {
            b.flowControlWindow(config.window());
        }
        InternalNettyChannelBuilder.setProtocolNegotiatorFactory(b, new ProbingNegotiatorFactory(probe,
                "grpc+tls".equals(scheme) ? clientTls(location, trustedCertificates) : null));
        this.channel = b.build();
        this.client = auth.isNone() ? FlightGrpcUtils.createFlightClient(allocator, channel)
                : FlightGrpcUtils.createFlightClient(allocator, channel, List.of(auth.middleware()));
    }

    /** Verified TLS: the given CA certificates (PEM), or the JDK's trust store when none are given. */
    private static SslContext clientTls(Location location, Path trustedCertificates) throws FlightEndpointException {
        try {
            SslContextBuilder b = GrpcSslContexts.forClient();
            if (trustedCertificates != null) {
                try (InputStream in = Files.newInputStream(trustedCertificates)) {
                    b.trustManager(in);
                }
            }
            return b.build();
        } catch (IOException | IllegalArgumentException e) {
            throw new FlightEndpointException("TLS for " + location.getUri() + ": cannot use trusted certificates "
                    + trustedCertificates + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return probe.connection();
    }

    Location location() {
        return location;
    }

    FlightClient client() {
        return client;
    }

    WindowProbe probe() {
        return probe;
    }

    /**
     * Connects now, with a deadline, so a wrong address fails fast and clearly; then fixes where
     * the shuffle's stream ids start. UNIMPLEMENTED (a server without ListActions) counts as reachable.
     */
    void connect(long timeoutMillis) throws Exception {
        try {
            Iterator<?> it = client.listActions(CallOptions.timeout(timeoutMillis, TimeUnit.MILLISECONDS)).iterator();
            while (it.hasNext()) {
                it.next();
            }
        } catch (FlightRuntimeException e) {
            if (e.status().code() != FlightStatusCode.UNIMPLEMENTED) {
                throw new FlightEndpointException("cannot reach Flight endpoint " + location.getUri() + " ("
                        + probe.connection() + "): " + e.status().code() + " " + e.getMessage(), e);
            }
        }
        probe.markBase();
    }

    /** Drops the connection at once (calls fail) and waits until the channel has terminated. */
    void shutdownChannel() throws InterruptedException {
        probe.clientCloses();
        channel.shutdownNow();
        if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("channel {} to {} did not terminate within 5 s", probe.connection(), location.getUri());
        }
    }

    /** Shuts the channel down and releases the client and its allocator (which must be empty by now). */
    @Override
    public void close() throws InterruptedException {
        shutdownChannel();
        client.close();
    }
}
