package dev.sluice.agent;

import dev.sluice.event.FlightEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Arrow Flight client probes, called from {@link GrpcAdvice}: {@code FlightClient.getStream}
 * names the call with its ticket, carried to the transport stream as a custom option of the call's
 * {@code CallOptions} (options travel with the call to the thread that makes its stream, even when
 * the channel is still connecting), and {@code FlightStream.next()} says what the consumer waits on
 * and which batch it got.
 */
public final class FlightProbes {

    /** The call being made by {@code getStream} on this thread. */
    private static final ThreadLocal<GrpcStream[]> MAKING = new ThreadLocal<>();
    /** The stream each consumer thread was last reported waiting on: ConsumerWaiting only on a change. */
    private static final ThreadLocal<String> WAITING_ON = new ThreadLocal<>();
    private static final Map<Object, GrpcStream> BY_FLIGHT_STREAM = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Class<?>, Object> KEYS = new ConcurrentHashMap<>();

    private FlightProbes() {
    }

    /** {@code getStream(ticket)} begins on this thread. */
    public static void gettingStream(Object ticket) {
        try {
            if (!Probes.on(ProbeName.FLIGHT_STREAM)) {
                return;
            }
            byte[] bytes = (byte[]) Reflect.call(ticket, "getBytes");
            MAKING.set(new GrpcStream[] {GrpcProbes.newStream(ticketText(bytes))});
        } catch (Throwable t) {
            Probes.failed(ProbeName.FLIGHT_STREAM, t);
        }
    }

    /**
     * A channel makes a call with {@code callOptions}: inside {@code getStream}, the first one gets the
     * stream's name as an option (the job's options are otherwise unchanged). Returns the options to use.
     */
    public static Object newCall(Object callOptions) {
        GrpcStream[] making = MAKING.get();
        if (making == null || making[0] == null || callOptions == null) {
            return callOptions;
        }
        try {
            Object tagged = Reflect.call(callOptions, "withOption", key(callOptions), making[0]);
            MAKING.set(new GrpcStream[] {null, making[0]});
            return tagged;
        } catch (Throwable t) {
            Probes.failed(ProbeName.FLIGHT_STREAM, t);
            return callOptions;
        }
    }

    /** The stream {@link #newCall} named in these options, or null. */
    static GrpcStream named(Object callOptions) throws ReflectiveOperationException {
        return callOptions == null ? null : (GrpcStream) Reflect.call(callOptions, "getOption", key(callOptions));
    }

    /** The option key, one per gRPC (per class loader of CallOptions). */
    private static Object key(Object callOptions) throws ReflectiveOperationException {
        Object key = KEYS.get(callOptions.getClass());
        if (key == null) {
            Class<?> keyType = Class.forName(callOptions.getClass().getName() + "$Key", true, callOptions.getClass().getClassLoader());
            key = keyType.getMethod("create", String.class).invoke(null, "sluice.agent.stream");
            Object raced = KEYS.putIfAbsent(callOptions.getClass(), key);
            key = raced == null ? key : raced;
        }
        return key;
    }

    /** {@code getStream} returned {@code flightStream} (null when it threw). */
    public static void gotStream(Object flightStream) {
        GrpcStream[] making = MAKING.get();
        MAKING.remove();
        try {
            if (making != null && making.length == 2 && flightStream != null) {
                BY_FLIGHT_STREAM.put(flightStream, making[1]);
            }
        } catch (Throwable t) {
            Probes.failed(ProbeName.FLIGHT_STREAM, t);
        }
    }

    /** A consumer calls {@code next()}: it now waits on that stream. Returns what {@link #nextReturned} needs. */
    public static Object next(Object flightStream) {
        try {
            if (!Probes.on(ProbeName.FLIGHT_STREAM)) {
                return null;
            }
            GrpcStream s = BY_FLIGHT_STREAM.get(flightStream);
            if (s != null && !Objects.equals(WAITING_ON.get(), s.name)) {
                WAITING_ON.set(s.name);
                if (s.connection == null) {
                    s.awaitedBy = Thread.currentThread().getName(); // no stream yet: reported when it opens
                }
                if (s.connection != null) { // (again: it may have opened meanwhile; a repeat is harmless)
                    Probes.emit(new FlightEvent.ConsumerWaiting(Thread.currentThread().getName(), s.name));
                }
            }
            return s;
        } catch (Throwable t) {
            Probes.failed(ProbeName.FLIGHT_STREAM, t);
            return null;
        }
    }

    /** {@code next()} returned: {@code got} true when a batch arrived, now in the stream's root. */
    public static void nextReturned(Object stream, Object flightStream, boolean got) {
        if (!(stream instanceof GrpcStream s) || !got) {
            return;
        }
        try {
            Object root = Reflect.call(flightStream, "getRoot");
            long rows = Reflect.callLong(root, "getRowCount");
            long bytes = 0;
            for (Object vector : (Iterable<?>) Reflect.call(root, "getFieldVectors")) {
                bytes += Reflect.callLong(vector, "getBufferSize");
            }
            s.rows.addAndGet(rows);
            Probes.emit(new FlightEvent.BatchReceived(s.connectionName(), s.name, rows, bytes));
        } catch (Throwable t) {
            Probes.failed(ProbeName.FLIGHT_STREAM, t);
        }
    }

    /** A ticket as text: itself when printable ASCII, else base64 (as the Flight engine names tickets). */
    static String ticketText(byte[] ticket) {
        for (byte b : ticket) {
            if (b < 0x20 || b > 0x7e) {
                return GrpcProbes.oneLine("base64:" + Base64.getEncoder().encodeToString(ticket));
            }
        }
        return GrpcProbes.oneLine(new String(ticket, StandardCharsets.US_ASCII));
    }
}
