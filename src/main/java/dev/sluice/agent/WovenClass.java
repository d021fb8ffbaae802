package dev.sluice.agent;

/**
 * Every library class the probes weave at load time: the one list both the {@link WeaverGate} (which classes wait for
 * the weaving and reach Byte Buddy) and the weaves' type matchers ({@link LibraryInstrumentation#matcher}) are made
 * from, so the two cannot disagree. JDK types only: the gate is loaded at the JVM's start, before Byte Buddy.
 * A name matched by its end is the gRPC/Netty one also found relocated under grpc-netty-shaded's prefix; no name may
 * start with a package the agent's jar relocates (Arrow's, Netty's buffer and util): the shade plugin would rewrite it.
 */
enum WovenClass {
    S3_ASYNC_HANDLER("software.amazon.awssdk.core.internal.handler.BaseAsyncClientHandler", false),
    S3_SYNC_HANDLER("software.amazon.awssdk.core.internal.handler.BaseSyncClientHandler", false),
    GRPC_TRANSPORT("grpc.netty.NettyClientTransport", true),
    GRPC_STREAM("grpc.netty.NettyClientStream", true),
    GRPC_STREAM_STATE("grpc.netty.NettyClientStream$TransportState", true),
    GRPC_HANDLER("grpc.netty.NettyClientHandler", true),
    GRPC_FRAME_WRITER("grpc.netty.NettyClientHandler$PingCountingFrameWriter", true),
    GRPC_ABSTRACT_STREAM_STATE("io.grpc.internal.AbstractClientStream$TransportState", false),
    HTTP2_FRAME_LISTENER("netty.handler.codec.http2.DefaultHttp2ConnectionDecoder$FrameReadListener", true),
    GRPC_INTERCEPTOR_CHANNEL("io.grpc.ClientInterceptors$InterceptorChannel", false),
    GRPC_REAL_CHANNEL("io.grpc.internal.ManagedChannelImpl$RealChannel", false),
    FLIGHT_CLIENT(".arrow.flight.FlightClient", true),
    FLIGHT_STREAM(".arrow.flight.FlightStream", true),
    DELTA_TRANSACTION("io.delta.standalone.internal.OptimisticTransactionImpl", false),
    DELTA_LOG("io.delta.standalone.internal.DeltaLogImpl", false);

    /** The class's binary name ({@code a.b.C$D}), or its end when {@link #byEnd}. */
    final String name;
    /** Matched by the end of its name (any prefix: relocated copies too), else by the whole name. */
    final boolean byEnd;
    private final String internal;

    WovenClass(String name, boolean byEnd) {
        this.name = name;
        this.byEnd = byEnd;
        this.internal = name.replace('.', '/');
    }

    /** Whether the class of this internal name ({@code a/b/C$D}) is this one. */
    boolean matchesInternal(String internalName) {
        return byEnd ? internalName.endsWith(internal) : internalName.equals(internal);
    }
}
