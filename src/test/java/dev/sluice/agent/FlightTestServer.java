package dev.sluice.agent;

import io.grpc.netty.NettyServerBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A plain Arrow Flight server on 127.0.0.1 for the agent's Flight user apps: ticket {@code part-N}
 * serves {@link #BATCHES} batches of {@link #ROWS} longs, ticket {@code endless-N} serves batches until
 * the client cancels, both waiting for the client's flow control between batches ({@code isReady}, as a
 * well-behaved producer does). An unread stream holds its slot or the server's thread only if it cannot
 * end: a finite one (4 MiB) fits in the windows gRPC-java's auto-tuning (BDP pings) may grow to 8 MiB,
 * ends unread and frees them, depending on timing; an endless one fills any window and waits. Either with a cap on concurrent
 * calls per connection (slots), or with one thread for every call (a call waits until the one before it is
 * fully sent).
 */
final class FlightTestServer implements AutoCloseable {

    static final int BATCHES = 64;
    static final int ROWS = 8192;
    /** The ticket prefix of a stream that ends only when its client cancels it. */
    static final String ENDLESS = "endless-";
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(12); // well after the apps give up (6 s)

    private final BufferAllocator allocator = new RootAllocator();
    private final ExecutorService calls;
    private final FlightServer server;

    private FlightTestServer(int maxCallsPerConnection, boolean oneThread) throws java.io.IOException {
        calls = oneThread ? Executors.newSingleThreadExecutor() : Executors.newCachedThreadPool();
        FlightServer.Builder b = FlightServer.builder(allocator, Location.forGrpcInsecure("127.0.0.1", 0), new Producer())
                .executor(calls);
        if (maxCallsPerConnection > 0) {
            Consumer<NettyServerBuilder> cap = nb -> nb.maxConcurrentCallsPerConnection(maxCallsPerConnection);
            b.transportHint("grpc.builderConsumer", cap);
        }
        server = b.build().start();
    }

    /** A server that lets each connection hold {@code max} calls at once. */
    static FlightTestServer withCallsPerConnection(int max) throws java.io.IOException {
        return new FlightTestServer(max, false);
    }

    /** A server that serves its calls one after another on one thread. */
    static FlightTestServer oneCallAtATime() throws java.io.IOException {
        return new FlightTestServer(0, true);
    }

    String uri() {
        return "grpc+tcp://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
            server.close();
        }
        calls.shutdownNow(); // interrupts a call still waiting on a client that stopped reading
        // its batches must be freed before the allocator closes, or it reports them leaked
        if (!calls.awaitTermination(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Flight test server: a call did not end within 5 s of shutdownNow");
        }
        allocator.close();
    }

    private final class Producer extends NoOpFlightProducer {
        /** No actions: the apps list them to have the connection up before they open streams. */
        @Override
        public void listActions(CallContext context, StreamListener<ActionType> listener) {
            listener.onCompleted();
        }

        @Override
        public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
            String part = new String(ticket.getBytes(), StandardCharsets.US_ASCII);
            try (BigIntVector values = new BigIntVector("v", allocator);
                 VectorSchemaRoot root = new VectorSchemaRoot(List.of(values))) {
                listener.start(root);
                boolean endless = part.startsWith(ENDLESS);
                for (int b = 0; endless || b < BATCHES; b++) {
                    values.allocateNew(ROWS);
                    for (int i = 0; i < ROWS; i++) {
                        values.set(i, (long) b * ROWS + i);
                    }
                    root.setRowCount(ROWS);
                    long waitingSince = System.nanoTime();
                    while (!listener.isReady()) {
                        // a cancel is delivered on the call executor, which this very wait may hold (one thread):
                        // so a call whose client stops reading is also given up after a while
                        if (listener.isCancelled() || Thread.currentThread().isInterrupted()
                                || System.nanoTime() - waitingSince > GIVE_UP_NANOS) {
                            listener.error(CallStatus.CANCELLED.withDescription("the client stopped reading " + part)
                                    .toRuntimeException());
                            return;
                        }
                        LockSupport.parkNanos(1_000_000L);
                    }
                    listener.putNext();
                }
                listener.completed();
            } catch (RuntimeException e) {
                listener.error(new IllegalStateException("serving " + part + " failed: " + e, e));
            }
        }
    }
}
