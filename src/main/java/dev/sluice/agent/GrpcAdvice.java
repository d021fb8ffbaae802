package dev.sluice.agent;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Byte Buddy advice woven into the application's own gRPC-java ({@code grpc-netty} or
 * {@code grpc-netty-shaded}: matched by class name, never linked) and Arrow Flight client classes.
 * It only calls {@link GrpcProbes} and {@link FlightProbes}, with the library's objects as
 * {@code Object}; {@code suppress} keeps even an error in the woven code itself out of the job. Delegated
 * ({@code inline = false}, public for that, as {@link S3Advice} is) but {@link NewCall}: it replaces an argument, which
 * only inlined advice can.
 */
public final class GrpcAdvice {

    private GrpcAdvice() {
    }

    /** {@code NettyClientTransport.start}: the connection's handler and channel exist. */
    public static final class TransportStart {
        @Advice.OnMethodExit(inline = false, suppress = Throwable.class)
        public static void exit(@Advice.This Object transport) {
            GrpcProbes.transportStarted(transport);
        }
    }

    /** {@code NettyClientTransport.shutdown/shutdownNow}: the client closes it. */
    public static final class TransportShutdown {
        @Advice.OnMethodEnter(inline = false, suppress = Throwable.class)
        public static void enter(@Advice.This Object transport) {
            GrpcProbes.transportClosing(transport);
        }
    }

    /** {@code NettyClientStream}'s constructor: a call got its transport stream (pending until it has an id). */
    public static final class StreamCreated {
        @Advice.OnMethodExit(inline = false, suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) Object state, @Advice.Argument(1) Object method,
                         @Advice.Argument(9) Object callOptions) {
            GrpcProbes.streamCreated(state, method, callOptions);
        }
    }

    /** {@code NettyClientStream.TransportState.setHttp2Stream}: the stream is on the connection. */
    public static final class StreamActive {
        @Advice.OnMethodExit(inline = false, suppress = Throwable.class)
        public static void exit(@Advice.This Object state, @Advice.Argument(0) Object http2Stream) {
            GrpcProbes.streamActive(state, http2Stream);
        }
    }

    /** {@code NettyClientHandler.onDataRead}: DATA arrived for a stream. */
    public static final class DataRead {
        @Advice.OnMethodEnter(inline = false, suppress = Throwable.class)
        public static void enter(@Advice.This Object handler, @Advice.Argument(0) int streamId, @Advice.Argument(1) Object data,
                          @Advice.Argument(2) int padding) {
            GrpcProbes.dataRead(handler, streamId, data, padding);
        }
    }

    /** {@code AbstractClientStream.TransportState.transportReportStatus}: the call ended. */
    public static final class StreamEnded {
        @Advice.OnMethodEnter(inline = false, suppress = Throwable.class)
        public static void enter(@Advice.This Object state, @Advice.Argument(0) Object status) {
            GrpcProbes.streamEnded(state, status);
        }
    }

    /** The client handler's frame writer writes a WINDOW_UPDATE. */
    public static final class WindowSent {
        @Advice.OnMethodEnter(inline = false, suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Object context, @Advice.Argument(1) int streamId, @Advice.Argument(2) int increment) {
            GrpcProbes.windowUpdate(context, streamId, increment, true);
        }
    }

    /** Netty's HTTP/2 decoder read a WINDOW_UPDATE (for any connection: the probe keeps the gRPC clients'). */
    public static final class WindowRead {
        @Advice.OnMethodEnter(inline = false, suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Object context, @Advice.Argument(1) int streamId, @Advice.Argument(2) int increment) {
            GrpcProbes.windowUpdate(context, streamId, increment, false);
        }
    }

    /** {@code FlightClient.getStream(ticket, options)}: a DoGet call is made on this thread. */
    public static final class GetStream {
        @Advice.OnMethodEnter(inline = false, suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Object ticket) {
            FlightProbes.gettingStream(ticket);
        }

        @Advice.OnMethodExit(inline = false, suppress = Throwable.class, onThrowable = Throwable.class)
        public static void exit(@Advice.Return Object stream) {
            FlightProbes.gotStream(stream);
        }
    }

    /** A channel's {@code newCall(method, callOptions)}: inside getStream, the options get the stream's name. */
    public static final class NewCall {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        @SuppressWarnings({"UnusedAssignment", "unused"}) // Byte Buddy writes the assignment back to the argument
        public static void enter(@Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object callOptions) {
            callOptions = FlightProbes.newCall(callOptions);
        }
    }

    /** {@code FlightStream.next()}: the consumer waits on the stream, then has a batch (or its end). */
    public static final class Next {
        @Advice.OnMethodEnter(inline = false, suppress = Throwable.class)
        public static Object enter(@Advice.This Object flightStream) {
            return FlightProbes.next(flightStream);
        }

        @Advice.OnMethodExit(inline = false, suppress = Throwable.class, onThrowable = Throwable.class)
        public static void exit(@Advice.Enter Object stream, @Advice.This Object flightStream, @Advice.Return boolean got) {
            FlightProbes.nextReturned(stream, flightStream, got);
        }
    }
}
