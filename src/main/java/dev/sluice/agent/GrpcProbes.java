package dev.sluice.agent;

import dev.sluice.event.FlightEvent;
import dev.sluice.event.FlightEvent.ReceiverPolicy;
import dev.sluice.event.FlightEvent.StreamOutcome;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gRPC-java probes, called from {@link GrpcAdvice} inside the application's own
 * {@code grpc-netty} or {@code grpc-netty-shaded} classes: the same {@link FlightEvent}s the embedded
 * Flight engine emits, so its detectors apply unchanged. Every library object is reached by
 * reflection ({@link Reflect}); every method catches what it throws and disables its probe.
 * Library objects are weak keys: a connection or call the job dropped is not kept by Sluice.
 */
public final class GrpcProbes {

    private static final int MAX_TEXT = 300;
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private static final AtomicInteger STREAMS = new AtomicInteger();
    private static final Map<Object, GrpcConnection> BY_HANDLER = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Object, GrpcStream> BY_STATE = Collections.synchronizedMap(new WeakHashMap<>());

    private GrpcProbes() {
    }

    static GrpcStream newStream(String ticket) {
        return new GrpcStream("grpc-s" + STREAMS.incrementAndGet(), ticket);
    }

    /** {@code NettyClientTransport.start} returned: its handler and channel exist, the channel is registered. */
    public static void transportStarted(Object transport) {
        try {
            if (!Probes.on(ProbeName.GRPC_CONNECTION)) {
                return;
            }
            Object handler = Reflect.field(transport, "handler");
            Object channel = Reflect.field(transport, "channel");
            if (handler == null || channel == null) {
                return; // the transport failed to start: gRPC reports that itself
            }
            GrpcConnection c = new GrpcConnection("grpc-" + CONNECTIONS.incrementAndGet(), handler, channel);
            BY_HANDLER.put(handler, c);
            Object window = Reflect.field(transport, "flowControlWindow");
            Probes.emit(new FlightEvent.ConnectionOpened(c.name, String.valueOf(Reflect.field(transport, "remoteAddress")),
                    ReceiverPolicy.GRPC_JAVA, window instanceof Number n ? n.longValue() : 0, -1));
            c.startSampling();
        } catch (Throwable t) {
            Probes.failed(ProbeName.GRPC_CONNECTION, t);
        }
    }

    /** The job shuts the transport down itself: a close seen afterwards is not the peer's. */
    public static void transportClosing(Object transport) {
        try {
            Object handler = Reflect.field(transport, "handler");
            GrpcConnection c = handler == null ? null : BY_HANDLER.get(handler);
            if (c != null) {
                c.closingByClient = true;
            }
        } catch (Throwable t) {
            Probes.failed(ProbeName.GRPC_CONNECTION, t);
        }
    }

    /** A {@code NettyClientStream} was made for a call with {@code method} and {@code callOptions}: it is pending. */
    public static void streamCreated(Object transportState, Object method, Object callOptions) {
        try {
            if (!Probes.on(ProbeName.GRPC_STREAM)) {
                return;
            }
            GrpcConnection c = BY_HANDLER.get(Reflect.field(transportState, "handler"));
            if (c == null) {
                return; // a transport started before the agent, or while its probe was off
            }
            GrpcStream s = FlightProbes.named(callOptions);
            if (s == null) {
                s = newStream("");
            }
            s.connection = c;
            BY_STATE.put(transportState, s);
            String ticket = s.ticket.isEmpty() ? "method " + Reflect.call(method, "getFullMethodName") : s.ticket;
            Probes.emit(new FlightEvent.StreamOpened(c.name, s.name, ticket));
            String consumer = s.awaitedBy;
            if (consumer != null) {
                // the consumer waited before the call reached a connection: it waits from now on
                Probes.emit(new FlightEvent.ConsumerWaiting(consumer, s.name));
            }
        } catch (Throwable t) {
            Probes.failed(ProbeName.GRPC_STREAM, t);
        }
    }

    /** On the event loop: the call's HTTP/2 stream exists (it got a slot). */
    public static void streamActive(Object transportState, Object http2Stream) {
        try {
            GrpcStream s = BY_STATE.get(transportState);
            if (s == null || http2Stream == null || !Probes.on(ProbeName.GRPC_STREAM)) {
                return;
            }
            int id = ((Number) Reflect.call(http2Stream, "id")).intValue();
            s.http2Stream = http2Stream;
            s.connection.byId.put(id, s);
            Probes.emit(new FlightEvent.StreamActive(s.connection.name, s.name, id));
        } catch (Throwable t) {
            Probes.failed(ProbeName.GRPC_STREAM, t);
        }
    }

    /** On the event loop: DATA for {@code streamId} arrived at {@code handler}. */
    public static void dataRead(Object handler, int streamId, Object data, int padding) {
        try {
            GrpcConnection c = BY_HANDLER.get(handler);
            GrpcStream s = c == null ? null : c.byId.get(streamId);
            if (s != null) {
                s.bytesReceived.addAndGet(Reflect.callLong(data, "readableBytes") + padding);
            }
        } catch (Throwable t) {
            Probes.failed(ProbeName.GRPC_STREAM, t);
        }
    }

    /** The call ended with {@code status} (reported once per stream, whoever ends it). */
    public static void streamEnded(Object transportState, Object status) {
        try {
            GrpcStream s = BY_STATE.get(transportState);
            // a stream reported opened is reported ended even if its probe failed since
            if (s == null || !s.done.compareAndSet(false, true)) {
                return;
            }
            String code = String.valueOf(Reflect.call(status, "getCode"));
            StreamOutcome outcome = switch (code) {
                case "OK" -> StreamOutcome.OK;
                case "CANCELLED" -> StreamOutcome.CANCELLED;
                default -> StreamOutcome.FAILED;
            };
            Object description = Reflect.call(status, "getDescription");
            String error = outcome == StreamOutcome.OK ? null : oneLine(code + (description == null ? "" : ": " + description));
            Probes.emit(new FlightEvent.StreamCompleted(s.connectionName(), s.name, outcome, s.rows.get(), error));
            Object h2 = s.http2Stream;
            if (h2 != null) {
                s.connection.byId.remove(((Number) Reflect.call(h2, "id")).intValue());
            }
        } catch (Throwable t) {
            Probes.failed(ProbeName.GRPC_STREAM, t);
        }
    }

    /** On the event loop: a WINDOW_UPDATE written ({@code sent}) or read by the handler behind {@code context}. */
    public static void windowUpdate(Object context, int streamId, int increment, boolean sent) {
        try {
            GrpcConnection c = BY_HANDLER.get(Reflect.call(context, "handler"));
            if (c == null || !Probes.on(ProbeName.GRPC_WINDOWS)) {
                return; // not a gRPC client connection (a server, or another HTTP/2 client)
            }
            if (streamId == 0) {
                Probes.emit(new FlightEvent.WindowUpdate(c.name, "", sent, increment));
                return;
            }
            GrpcStream s = c.byId.get(streamId);
            if (s != null) {
                Probes.emit(new FlightEvent.WindowUpdate(c.name, s.name, sent, increment));
            }
        } catch (Throwable t) {
            Probes.failed(ProbeName.GRPC_WINDOWS, t);
        }
    }

    static String oneLine(String text) {
        String t = text.replace('\n', ' ');
        return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) + "..." : t;
    }
}
