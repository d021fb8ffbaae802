package dev.sluice.engine.flight;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Emitter;
import dev.sluice.event.FlightEvent;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flight shuffle client: one channel (one HTTP/2 connection) per endpoint, every partition read
 * with the configured consumer strategy, windows sampled on each channel's own event loop. It ends
 * by itself: on completion, when nothing moved for the stall timeout (it then cancels every
 * stream), on budget exhaustion, on stop or on its deadline; and it releases every thread, socket
 * and allocator before returning.
 */
public final class ShuffleClient {

    private static final Logger LOG = LoggerFactory.getLogger(ShuffleClient.class);

    /** An endpoint and the tickets to read from it. */
    public record Endpoint(Location location, List<Ticket> tickets) { }

    private final ShuffleConfig config;
    private final Emitter out;
    private Path trustedCertificates;
    private FlightAuth auth = FlightAuth.NONE;

    public ShuffleClient(ShuffleConfig config, Emitter out) {
        this.config = config;
        this.out = out;
    }

    /** Credentials sent with every call. */
    public ShuffleClient auth(FlightAuth credentials) {
        this.auth = credentials;
        return this;
    }

    /** CA certificates (PEM) that verify {@code grpc+tls://} endpoints; without them the JDK's trust store does. */
    public ShuffleClient trustedCertificates(Path pem) {
        this.trustedCertificates = pem;
        return this;
    }

    /**
     * Reads every ticket of every endpoint. Throws {@link FlightEndpointException} when an endpoint
     * cannot be reached (within {@code connectTimeout}); stream failures are reported per stream in
     * the result.
     */
    public ShuffleResult run(List<Endpoint> endpoints, BufferAllocator parent, BooleanSupplier stopRequested) throws Exception {
        long started = System.nanoTime();
        BufferAllocator allocator = parent.newChildAllocator("flight-shuffle-client", 0, Long.MAX_VALUE);
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(Math.max(1, Math.min(2, endpoints.size())),
                new DefaultThreadFactory("sluice-flight-loop", true), NioIoHandler.newFactory());
        List<ShuffleConnection> connections = new ArrayList<>();
        List<ShuffleStream> streams = new ArrayList<>();
        ShuffleReader reader = null;
        Throwable failure = null;
        try {
            for (int i = 0; i < endpoints.size(); i++) {
                ShuffleConnection c = new ShuffleConnection("conn-" + i, endpoints.get(i).location(), config, allocator, loops, out,
                        trustedCertificates, auth);
                connections.add(c);
                c.connect(config.connectTimeout().toMillis());
            }
            open(endpoints, connections, streams);
            ShuffleRun run = new ShuffleRun(config, out, streams);
            reader = config.strategy() == ShuffleConfig.Strategy.SELECT_ALL ? new SelectAllReader(run)
                    : new DrainReader(run, allocator);
            reader.start();
            guard(run, reader, stopRequested, started);
            reader.close();
            long peak = reader.peakBuffered();
            reader = null;
            long sampling = connections.stream().mapToLong(c -> c.probe().samplingNanos()).sum();
            return result(run, peak, started, sampling);
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            release(reader, connections, streams, loops, allocator, failure);
        }
    }

    /** Opens every stream from this one thread, in order, so HTTP/2 stream ids map to names. */
    private void open(List<Endpoint> endpoints, List<ShuffleConnection> connections, List<ShuffleStream> streams) {
        for (int i = 0; i < endpoints.size(); i++) {
            ShuffleConnection c = connections.get(i);
            List<Ticket> tickets = endpoints.get(i).tickets();
            for (int p = 0; p < tickets.size(); p++) {
                ShuffleStream s = new ShuffleStream("e" + i + "-p" + p, c, tickets.get(p));
                c.probe().register(s.name);
                out.emit(new FlightEvent.StreamOpened(c.name(), s.name, ticketText(tickets.get(p).getBytes())));
                s.flight = c.client().getStream(tickets.get(p));
                streams.add(s);
            }
        }
    }

    /** A ticket as text: itself when printable ASCII, else base64 (real engines often use binary tickets). */
    static String ticketText(byte[] ticket) {
        for (byte b : ticket) {
            if (b < 0x20 || b > 0x7e) {
                return "base64:" + Base64.getEncoder().encodeToString(ticket);
            }
        }
        return new String(ticket, StandardCharsets.US_ASCII);
    }

    /** Watches the reader until it is done; gives up on stall, stop or deadline. */
    private void guard(ShuffleRun run, ShuffleReader reader, BooleanSupplier stopRequested, long started)
            throws InterruptedException {
        long stallNanos = config.stallTimeout().toNanos();
        long deadline = started + config.deadline().toNanos();
        long lastProgress = run.progress.get();
        long lastMove = System.nanoTime();
        while (!reader.awaitDone(50)) {
            long now = System.nanoTime();
            long p = run.progress.get();
            if (p != lastProgress) {
                lastProgress = p;
                lastMove = now;
            } else if (now - lastMove > stallNanos && !run.isAborted()) {
                String reason = "no batch moved for " + config.stallTimeout().toMillis() + " ms: the shuffle is stalled";
                LOG.info("flight shuffle gives up: {}", reason);
                out.emit(new AppEvent.Note("flight: " + reason + "; cancelling every stream"));
                run.abort(reason);
            }
            if (stopRequested.getAsBoolean() && !run.isAborted()) {
                run.abort("stop requested");
            }
            if (now > deadline && !run.isAborted()) {
                run.abort("deadline of " + config.deadline().toSeconds() + " s passed");
            }
        }
    }

    private ShuffleResult result(ShuffleRun run, long peak, long started, long sampling) {
        List<ShuffleResult.StreamOutcome> outcomes = new ArrayList<>();
        for (ShuffleStream s : run.streams) {
            outcomes.add(new ShuffleResult.StreamOutcome(s.name, s.connection.name(), s.connection.location().getUri().toString(),
                    s.outcome(), s.rowsReceived, s.batchesReceived, s.error()));
        }
        String reason = run.abortReason();
        boolean stalled = reason != null && reason.contains("stalled");
        return new ShuffleResult(outcomes, run.rowsConsumed.get(), run.bytesConsumed.get(), reason, stalled, run.isBudgetExceeded(), peak,
                System.nanoTime() - started, sampling);
    }

    private static void release(ShuffleReader reader, List<ShuffleConnection> connections, List<ShuffleStream> streams,
                                EventLoopGroup loops, BufferAllocator allocator, Throwable failure) throws Exception {
        List<Throwable> errors = new ArrayList<>();
        if (reader != null) {
            try {
                reader.close();
            } catch (Exception | Error e) {
                errors.add(e);
            }
        }
        for (ShuffleConnection c : connections) {
            try {
                c.shutdownChannel();
            } catch (Exception | Error e) {
                errors.add(e);
            }
        }
        try {
            ShuffleRun.closeAfterTermination(streams);
        } catch (Exception | Error e) {
            errors.add(e);
        }
        for (ShuffleConnection c : connections) {
            try {
                c.close();
            } catch (Exception | Error e) {
                errors.add(e);
            }
        }
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        try {
            allocator.close();
        } catch (Exception | Error e) {
            errors.add(e);
        }
        if (errors.isEmpty()) {
            return;
        }
        if (failure != null) {
            errors.forEach(failure::addSuppressed);
            return;
        }
        Throwable first = errors.get(0);
        errors.subList(1, errors.size()).forEach(first::addSuppressed);
        if (first instanceof Exception ex) {
            throw ex;
        }
        throw (Error) first;
    }
}
