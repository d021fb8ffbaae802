package dev.sluice.engine.flight;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.apache.arrow.flight.FlightGrpcUtils;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth.ServerAuthHandler;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * M Flight servers in this process on 127.0.0.1 (ephemeral ports), each serving P partitions. Built
 * on gRPC's {@link NettyServerBuilder} around Flight's service so that a server can be capped
 * ({@code maxConcurrentCallsPerConnection}) and killed abruptly ({@link #kill}). Owns its event
 * loops, executors and allocators and releases them all on {@link #close}.
 */
public final class EmbeddedFlightServers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFlightServers.class);
    /**
     * gRPC logs every stream the client cancels as a WARNING through java.util.logging; cancelling
     * is how a stalled shuffle ends, so only real errors of the server handler are kept. Held here
     * because java.util.logging keeps loggers weakly.
     */
    @SuppressWarnings("UnusedVariable") // held, never read: see above
    private static final java.util.logging.Logger GRPC_SERVER_HANDLER = quiet("io.grpc.netty.NettyServerHandler");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(Level.SEVERE);
        return l;
    }

    /** How the servers serve. {@code maxCallsPerConnection} 0 = unlimited. */
    public record Spec(int servers, int partitions, long batchesPerPartition, long batchBytes,
                       int maxCallsPerConnection, int serverWindow) { }

    private final BufferAllocator allocator;
    private final EventLoopGroup loops;
    private final List<Server> servers = new ArrayList<>();
    private final List<ShuffleProducer> producers = new ArrayList<>();
    private final List<ExecutorService> executors = new ArrayList<>();
    private final List<Location> locations = new ArrayList<>();
    private final Spec spec;

    private final SslContext tls;
    private final FlightAuth required;

    private EmbeddedFlightServers(BufferAllocator parent, Spec spec, SslContext tls, FlightAuth required) {
        this.spec = spec;
        this.tls = tls;
        this.required = required;
        this.allocator = parent.newChildAllocator("flight-servers", 0, Long.MAX_VALUE);
        this.loops = new MultiThreadIoEventLoopGroup(Math.min(2, spec.servers()),
                new DefaultThreadFactory("sluice-flight-server-loop", true), NioIoHandler.newFactory());
    }

    /** Starts every server; on failure releases what was started and throws. */
    public static EmbeddedFlightServers start(BufferAllocator parent, Spec spec) throws IOException {
        return start(parent, spec, null);
    }

    /** Servers speaking TLS with {@code tls} (a gRPC server context), located at {@code grpc+tls://127.0.0.1:port}. */
    public static EmbeddedFlightServers start(BufferAllocator parent, Spec spec, SslContext tls) throws IOException {
        return start(parent, spec, tls, FlightAuth.NONE);
    }

    /** Servers that also reject every call without {@code required}'s authorization header (UNAUTHENTICATED). */
    public static EmbeddedFlightServers start(BufferAllocator parent, Spec spec, SslContext tls, FlightAuth required)
            throws IOException {
        EmbeddedFlightServers s = new EmbeddedFlightServers(parent, spec, tls, required);
        try {
            for (int i = 0; i < spec.servers(); i++) {
                s.startOne(i);
            }
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @SuppressWarnings("deprecation") // createFlightService takes the (deprecated) ServerAuthHandler; NO_OP means no auth
    private void startOne(int index) throws IOException {
        ExecutorService callbacks = Executors.newCachedThreadPool(new DefaultThreadFactory("sluice-flight-server-" + index + "-callback", true));
        ExecutorService produce = Executors.newCachedThreadPool(new DefaultThreadFactory("sluice-flight-server-" + index + "-producer", true));
        executors.add(callbacks);
        executors.add(produce);
        ShuffleProducer producer = new ShuffleProducer(allocator, produce, index, spec.partitions(),
                spec.batchesPerPartition(), LineitemBatches.rowsFor(spec.batchBytes()));
        producers.add(producer);
        NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .bossEventLoopGroup(loops).workerEventLoopGroup(loops).channelType(NioServerSocketChannel.class)
                .executor(callbacks)
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .flowControlWindow(spec.serverWindow())
                .addService(ServerInterceptors.intercept(
                        FlightGrpcUtils.createFlightService(allocator, producer, ServerAuthHandler.NO_OP, callbacks),
                        new RequireAuthorization(required)));
        if (tls != null) {
            b.sslContext(tls);
        }
        if (spec.maxCallsPerConnection() > 0) {
            b.maxConcurrentCallsPerConnection(spec.maxCallsPerConnection());
        }
        Server server = b.build().start();
        servers.add(server);
        int port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
        locations.add(tls == null ? Location.forGrpcInsecure("127.0.0.1", port) : Location.forGrpcTls("127.0.0.1", port));
    }

    public List<Location> locations() {
        return List.copyOf(locations);
    }

    public Spec spec() {
        return spec;
    }

    /** Rows each partition serves. */
    public long rowsPerPartition() {
        return producers.get(0).rowsPerPartition();
    }

    /** Kills server {@code index} abruptly: calls cancelled, connections dropped. */
    public void kill(int index) {
        producers.get(index).closing();
        servers.get(index).shutdownNow();
    }

    @Override
    public void close() {
        producers.forEach(ShuffleProducer::closing);
        for (Server s : servers) {
            s.shutdownNow();
        }
        for (Server s : servers) {
            try {
                if (!s.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("flight server {} did not terminate within 5 s", s.getListenSockets());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ExecutorService e : executors) {
            e.shutdownNow();
        }
        for (ExecutorService e : executors) {
            try {
                if (!e.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("flight server executor did not terminate within 5 s");
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        allocator.close();
    }
}
