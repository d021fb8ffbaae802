package dev.sluice.engine.flight;

import dev.sluice.event.Emitter;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.FlightEvent.ReceiverPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DecoratingHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2LocalFlowController;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListenerDecorator;
import io.netty.handler.codec.http2.Http2LocalFlowController;
import io.netty.handler.codec.http2.Http2RemoteFlowController;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.StreamBufferingEncoder;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one HTTP/2 connection of the shuffle client from its own event loop: receive and send
 * windows and unconsumed bytes of the connection and of every stream, DATA bytes per stream, the
 * peer's SETTINGS, and which client stream each HTTP/2 stream is. All state except the stream
 * names is confined to the channel's event loop, so the read path takes no locks.
 *
 * <p>Stream names: the client opens its calls one after another from one thread once the
 * connection is up, so HTTP/2 stream ids (odd, increasing, allocated in creation order) map to the
 * registered names in order, starting at {@link #markBase}.
 */
final class WindowProbe {

    private static final Logger LOG = LoggerFactory.getLogger(WindowProbe.class);
    /** Unchanged windows are re-emitted this often, so a stalled window is still seen to be stalled. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private static final class StreamState {
        final String name;
        long bytesReceived;
        long lastReceiveWindow = Long.MIN_VALUE;
        long lastUnconsumed = Long.MIN_VALUE;
        long lastSendWindow = Long.MIN_VALUE;
        long lastBytes = Long.MIN_VALUE;
        long lastEmitNanos;

        StreamState(String name) {
            this.name = name;
        }
    }

    private final String connection;
    private final String endpoint;
    private final ReceiverPolicy receiver;
    private final long window;
    private final Emitter out;
    private final long sampleNanos;
    private final List<String> names = new CopyOnWriteArrayList<>();
    private volatile int baseStreamId = 1;

    // event-loop confined
    private final IntObjectHashMap<StreamState> streams = new IntObjectHashMap<>();
    private volatile Http2ConnectionHandler handler;
    private ScheduledFuture<?> sampling;
    private long lastConnEmit;
    private long[] lastConn = new long[6];
    private long[] lastSettings = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
    private volatile Channel channel;
    private volatile boolean closingByClient;
    /** CPU time spent sampling, written on the event loop only. */
    private volatile long samplingNanos;

    WindowProbe(String connection, String endpoint, ReceiverPolicy receiver, long window, Emitter out, long sampleNanos) {
        this.connection = connection;
        this.endpoint = endpoint;
        this.receiver = receiver;
        this.window = window;
        this.out = out;
        this.sampleNanos = sampleNanos;
    }

    String connection() {
        return connection;
    }

    /** Event-loop CPU time spent sampling so far (for the benchmark's cost figure). */
    long samplingNanos() {
        return samplingNanos;
    }

    /** The client is about to close the connection itself (so a close seen afterwards is not the peer's). */
    void clientCloses() {
        closingByClient = true;
    }

    /** Registers the next stream the client is about to open (called on the opening thread, in order). */
    void register(String streamName) {
        names.add(streamName);
    }

    /**
     * Installs the receiver policy and the DATA counter on a new connection's handler, before it
     * is added to the pipeline (so the flow controller gets its context and initial window).
     */
    void attach(Http2ConnectionHandler h) {
        // gRPC's own controller is (connection, 0.5, auto-refill on); ours is the same for grpc-java and
        // has auto-refill off for h2 (the connection window then comes back only as streams consume,
        // as in h2/tonic). Either way its WINDOW_UPDATEs pass through a writer that reports them.
        DefaultHttp2LocalFlowController fc = new DefaultHttp2LocalFlowController(h.connection(),
                DefaultHttp2LocalFlowController.DEFAULT_WINDOW_UPDATE_RATIO, receiver == ReceiverPolicy.GRPC_JAVA);
        fc.frameWriter(new DecoratingHttp2FrameWriter(h.encoder().frameWriter()) {
            @Override
            public ChannelFuture writeWindowUpdate(ChannelHandlerContext ctx, int streamId, int increment, ChannelPromise promise) {
                windowUpdate(streamId, true, increment);
                return super.writeWindowUpdate(ctx, streamId, increment, promise);
            }
        });
        h.connection().local().flowController(fc);
        h.decoder().frameListener(new Http2FrameListenerDecorator(h.decoder().frameListener()) {
            @Override
            public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean end)
                    throws Http2Exception {
                StreamState s = streams.get(streamId);
                if (s != null) {
                    s.bytesReceived += data.readableBytes() + padding;
                }
                return super.onDataRead(ctx, streamId, data, padding, end);
            }

            @Override
            public void onWindowUpdateRead(ChannelHandlerContext ctx, int streamId, int increment) throws Http2Exception {
                super.onWindowUpdateRead(ctx, streamId, increment);
                windowUpdate(streamId, false, increment);
            }

            @Override
            public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) throws Http2Exception {
                super.onSettingsRead(ctx, settings);
                emitSettingsIfChanged();
            }
        });
        h.connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamAdded(Http2Stream stream) {
                if (stream.id() == 0 || stream.id() < baseStreamId) {
                    return;
                }
                int index = (stream.id() - baseStreamId) / 2;
                if (index >= names.size()) {
                    return; // not a shuffle stream (the connect check)
                }
                String name = names.get(index);
                streams.put(stream.id(), new StreamState(name));
                out.emit(new FlightEvent.StreamActive(connection, name, stream.id()));
            }

            @Override
            public void onStreamRemoved(Http2Stream stream) {
                streams.remove(stream.id());
            }
        });
        this.handler = h;
    }

    /** The channel is active: emit the connection and start sampling on its event loop. */
    void channelActive(Channel ch) {
        this.channel = ch;
        out.emit(new FlightEvent.ConnectionOpened(connection, endpoint, receiver, window, -1));
        if (sampleNanos > 0) {
            sampling = ch.eventLoop().scheduleAtFixedRate(this::sampleSafely, sampleNanos, sampleNanos, TimeUnit.NANOSECONDS);
        }
        ch.closeFuture().addListener(f -> {
            if (sampling != null) {
                sampling.cancel(false);
            }
            out.emit(new FlightEvent.ConnectionClosed(connection, f.cause() == null ? "closed" : String.valueOf(f.cause()),
                    !closingByClient));
        });
    }

    /**
     * Sets the first HTTP/2 stream id that belongs to a registered name: the one after the last
     * stream created so far. Runs on the event loop; call once the connection is up and idle.
     */
    void markBase() throws Exception {
        Channel ch = channel;
        if (ch == null || handler == null) {
            throw new IllegalStateException("connection " + connection + " to " + endpoint + " is not active");
        }
        ch.eventLoop().submit(() -> {
            int last = handler.connection().local().lastStreamCreated();
            baseStreamId = last <= 0 ? 1 : last + 2;
            emitSettingsIfChanged();
        }).get(5, TimeUnit.SECONDS);
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // single writer: the one sampling thread
    private void sampleSafely() {
        // an exception would silently cancel the schedule: log and keep sampling
        // CPU time, not wall time: on a shared machine a preempted sample would count its wait
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        try {
            sample(System.nanoTime());
        } catch (Exception | Error e) {
            LOG.warn("window sampling of {} failed", connection, e);
        }
        samplingNanos += THREADS.getCurrentThreadCpuTime() - cpu0;
    }

    private void sample(long now) throws Http2Exception {
        Http2ConnectionHandler h = handler;
        if (h == null || !channel.isActive()) {
            return;
        }
        Http2Connection c = h.connection();
        Http2LocalFlowController local = h.decoder().flowController();
        Http2RemoteFlowController remote = h.encoder().flowController();
        Http2Stream cs = c.connectionStream();
        int pending = h.encoder() instanceof StreamBufferingEncoder b ? b.numBufferedStreams() : 0;
        long[] conn = {local.windowSize(cs), local.initialWindowSize(cs), local.unconsumedBytes(cs),
                remote.windowSize(cs), c.numActiveStreams(), pending};
        boolean refresh = now - lastConnEmit >= REFRESH_NANOS;
        if (refresh || !Arrays.equals(conn, lastConn)) {
            out.emit(new FlightEvent.ConnectionWindowSampled(connection, conn[0], conn[1], conn[2], conn[3],
                    (int) conn[4], (int) conn[5]));
            lastConn = conn;
            lastConnEmit = now;
        }
        c.forEachActiveStream(stream -> {
            StreamState s = streams.get(stream.id());
            if (s != null) {
                long rw = local.windowSize(stream);
                long ru = local.unconsumedBytes(stream);
                long sw = remote.windowSize(stream);
                if (now - s.lastEmitNanos >= REFRESH_NANOS || rw != s.lastReceiveWindow || ru != s.lastUnconsumed
                        || sw != s.lastSendWindow || s.bytesReceived != s.lastBytes) {
                    out.emit(new FlightEvent.StreamWindowSampled(connection, s.name, rw, ru, sw, s.bytesReceived));
                    s.lastReceiveWindow = rw;
                    s.lastUnconsumed = ru;
                    s.lastSendWindow = sw;
                    s.lastBytes = s.bytesReceived;
                    s.lastEmitNanos = now;
                }
            }
            return true;
        });
    }

    /** On the event loop: a WINDOW_UPDATE for the connection (id 0) or a shuffle stream. */
    private void windowUpdate(int streamId, boolean sent, int increment) {
        if (!out.enabled()) {
            return;
        }
        if (streamId == 0) {
            out.emit(new FlightEvent.WindowUpdate(connection, "", sent, increment));
        } else {
            StreamState s = streams.get(streamId);
            if (s != null) {
                out.emit(new FlightEvent.WindowUpdate(connection, s.name, sent, increment));
            }
        }
    }

    private void emitSettingsIfChanged() {
        Http2ConnectionHandler h = handler;
        if (h == null) {
            return;
        }
        long[] now = {h.decoder().flowController().initialWindowSize(), h.encoder().flowController().initialWindowSize(),
                h.connection().local().maxActiveStreams()};
        if (!Arrays.equals(now, lastSettings)) {
            lastSettings = now;
            out.emit(new FlightEvent.ConnectionSettings(connection, now[0], now[1], (int) now[2]));
        }
    }
}
