package dev.sluice.agent;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Byte Buddy advice woven into the application's own gRPC-java ({@code grpc-netty} or
 * {@code grpc-netty-shaded}: matched by class name, never linked) and Arrow Flight client classes.
 * It only calls {@link GrpcProbes} and {@link FlightProbes}, with the library's objects as
 * {@code Object}; {@code suppress} keeps even an error in the woven code itself out of the job.
 */
final class GrpcAdvice {

    private GrpcAdvice() {
    }

    /** {@code NettyClientTransport.start}: the connection's handler and channel exist. */
    static final class TransportStart {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object transport) {
            GrpcProbes.transportStarted(transport);
        }
    }

    /** {@code NettyClientTransport.shutdown/shutdownNow}: the client closes it. */
    static final class TransportShutdown {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object transport) {
            GrpcProbes.transportClosing(transport);
        }
    }

    /** {@code NettyClientStream}'s constructor: a call got its transport stream (pending until it has an id). */
    static final class StreamCreated {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object state, @Advice.Argument(1) Object method,
                         @Advice.Argument(9) Object callOptions) {
            GrpcProbes.streamCreated(state, method, callOptions);
        }
    }

    /** {@code NettyClientStream.TransportState.setHttp2Stream}: the stream is on the connection. */
    static final class StreamActive {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object state, @Advice.Argument(0) Object http2Stream) {
            GrpcProbes.streamActive(state, http2Stream);
        }
    }

    /** {@code NettyClientHandler.onDataRead}: DATA arrived for a stream. */
    static final class DataRead {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object handler, @Advice.Argument(0) int streamId, @Advice.Argument(1) Object data,
                          @Advice.Argument(2) int padding) {
            GrpcProbes.dataRead(handler, streamId, data, padding);
        }
    }

    /** {@code AbstractClientStream.TransportState.transportReportStatus}: the call ended. */
    static final class StreamEnded {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object state, @Advice.Argument(0) Object status) {
            GrpcProbes.streamEnded(state, status);
        }
    }

    /** The client handler's frame writer writes a WINDOW_UPDATE. */
    static final class WindowSent {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object context, @Advice.Argument(1) int streamId, @Advice.Argument(2) int increment) {
            GrpcProbes.windowUpdate(context, streamId, increment, true);
        }
    }

    /** Netty's HTTP/2 decoder read a WINDOW_UPDATE (for any connection: the probe keeps the gRPC clients'). */
    static final class WindowRead {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object context, @Advice.Argument(1) int streamId, @Advice.Argument(2) int increment) {
            GrpcProbes.windowUpdate(context, streamId, increment, false);
        }
    }

    /** {@code FlightClient.getStream(ticket, options)}: a DoGet call is made on this thread. */
    static final class GetStream {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object ticket) {
            FlightProbes.gettingStream(ticket);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Return Object stream) {
            FlightProbes.gotStream(stream);
        }
    }

    /** A channel's {@code newCall(method, callOptions)}: inside getStream, the options get the stream's name. */
    static final class NewCall {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        @SuppressWarnings({"UnusedAssignment", "unused"}) // Byte Buddy writes the assignment back to the argument
        static void enter(@Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object callOptions) {
            callOptions = FlightProbes.newCall(callOptions);
        }
    }

    /** {@code FlightStream.next()}: the consumer waits on the stream, then has a batch (or its end). */
    static final class Next {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object flightStream) {
            return FlightProbes.next(flightStream);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object stream, @Advice.This Object flightStream, @Advice.Return boolean got) {
            FlightProbes.nextReturned(stream, flightStream, got);
        }
    }
}
