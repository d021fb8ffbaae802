package dev.sluice.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate lets exactly the classes the probes weave reach Byte Buddy (the ITs prove they are woven). */
class WeaverGateTest {

    @Test
    void everyWovenClassMayWeaveAlsoUnderGrpcNettyShaded() {
        List<String> woven = List.of(S3Instrumentation.ASYNC_HANDLER, S3Instrumentation.SYNC_HANDLER,
                "io.grpc.netty.NettyClientTransport", "io.grpc.netty.shaded.io.grpc.netty.NettyClientStream$TransportState",
                "io.grpc.netty.shaded.io.grpc.netty.NettyClientHandler$PingCountingFrameWriter",
                "io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder$FrameReadListener",
                "io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder$FrameReadListener",
                "io.grpc.internal.AbstractClientStream$TransportState", "io.grpc.ClientInterceptors$InterceptorChannel",
                "io.grpc.internal.ManagedChannelImpl$RealChannel", "org.apache.arrow.flight.FlightClient",
                "org.apache.arrow.flight.FlightStream", "io.delta.standalone.internal.OptimisticTransactionImpl",
                "io.delta.standalone.internal.DeltaLogImpl");
        for (String name : woven) {
            assertTrue(WeaverGate.mayWeave(name.replace('.', '/')), name);
        }
    }

    @Test
    void theJobsOtherClassesNeitherWaitNorReachByteBuddy() {
        for (String name : List.of("software/amazon/awssdk/core/internal/handler/BaseClientHandler",
                "software/amazon/awssdk/services/s3/DefaultS3AsyncClient", "io/grpc/netty/NettyChannelBuilder",
                "io/netty/handler/codec/http2/DefaultHttp2ConnectionDecoder", "org/apache/arrow/flight/FlightClient$1",
                "java/util/concurrent/CompletableFuture")) {
            assertFalse(WeaverGate.mayWeave(name), name);
        }
    }
}
