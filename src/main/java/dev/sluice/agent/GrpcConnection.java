package dev.sluice.agent;

import dev.sluice.event.FlightEvent;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC-java client connection ({@code NettyClientTransport} and its {@code NettyClientHandler}):
 * its streams by HTTP/2 id, and a sampler that runs on the channel's own event loop (the only thread
 * that may read Netty's flow controllers) and emits the connection's and its streams' windows,
 * MAX_CONCURRENT_STREAMS and pending streams, as the embedded Flight engine's window probe does.
 * Everything but {@link #byId} and the flags is confined to the event loop.
 */
final class GrpcConnection {

    static final long SAMPLE_MILLIS = 100;
    /** Unchanged windows are re-emitted this often, so a stalled window is still seen to be stalled. */
    static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    final String name;
    final Object handler;
    final Object channel;
    final Map<Integer, GrpcStream> byId = new ConcurrentHashMap<>();
    volatile boolean closingByClient;

    private ScheduledFuture<?> sampling;
    private boolean wasActive;
    private boolean closed;
    private long[] lastConn = new long[0];
    private long lastConnEmit;
    private long[] lastSettings = new long[0];

    GrpcConnection(String name, Object handler, Object channel) {
        this.name = name;
        this.handler = handler;
        this.channel = channel;
    }

    /** Starts sampling on the channel's event loop (a Netty EventLoop is a ScheduledExecutorService). */
    void startSampling() throws ReflectiveOperationException {
        ScheduledExecutorService loop = (ScheduledExecutorService) Reflect.call(channel, "eventLoop");
        sampling = loop.scheduleAtFixedRate(this::sampleSafely, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sampleSafely() {
        try {
            if (!Probes.on(ProbeName.GRPC_WINDOWS)) {
                sampling.cancel(false);
                return;
            }
            sample(System.nanoTime());
        } catch (Throwable t) {
            sampling.cancel(false); // a throwing task would be cancelled anyway; the trace says why
            Probes.failed(ProbeName.GRPC_WINDOWS, t);
        }
    }

    private void sample(long now) throws ReflectiveOperationException {
        boolean active = (Boolean) Reflect.call(channel, "isActive");
        if (!active) {
            if (wasActive && !closed) {
                closed = true;
                sampling.cancel(false);
                Probes.emit(new FlightEvent.ConnectionClosed(name, "closed", !closingByClient));
            }
            return;
        }
        wasActive = true;
        Object connection = Reflect.call(handler, "connection");
        Object local = Reflect.call(Reflect.call(connection, "local"), "flowController");
        Object remote = Reflect.call(Reflect.call(connection, "remote"), "flowController");
        Object cs = Reflect.call(connection, "connectionStream");
        Object encoder = Reflect.call(handler, "encoder");
        long pending = Reflect.has(encoder, "numBufferedStreams", 0) ? Reflect.callLong(encoder, "numBufferedStreams") : 0;
        long[] settings = {Reflect.callLong(local, "initialWindowSize"), Reflect.callLong(remote, "initialWindowSize"),
                Reflect.callLong(Reflect.call(connection, "local"), "maxActiveStreams")};
        if (!Arrays.equals(settings, lastSettings)) {
            lastSettings = settings;
            Probes.emit(new FlightEvent.ConnectionSettings(name, settings[0], settings[1], (int) settings[2]));
        }
        long[] conn = {Reflect.callLong(local, "windowSize", cs), Reflect.callLong(local, "initialWindowSize", cs),
                Reflect.callLong(local, "unconsumedBytes", cs), Reflect.callLong(remote, "windowSize", cs),
                Reflect.callLong(connection, "numActiveStreams"), pending};
        if (now - lastConnEmit >= REFRESH_NANOS || !Arrays.equals(conn, lastConn)) {
            Probes.emit(new FlightEvent.ConnectionWindowSampled(name, conn[0], conn[1], conn[2], conn[3],
                    (int) conn[4], (int) conn[5]));
            lastConn = conn;
            lastConnEmit = now;
        }
        for (GrpcStream s : byId.values()) {
            Object h2 = s.http2Stream;
            if (h2 == null || s.done.get()) {
                continue;
            }
            long rw = Reflect.callLong(local, "windowSize", h2);
            long ru = Reflect.callLong(local, "unconsumedBytes", h2);
            long sw = Reflect.callLong(remote, "windowSize", h2);
            long bytes = s.bytesReceived.get();
            if (s.changed(now, rw, ru, sw, bytes)) {
                Probes.emit(new FlightEvent.StreamWindowSampled(name, s.name, rw, ru, sw, bytes));
            }
        }
    }
}
