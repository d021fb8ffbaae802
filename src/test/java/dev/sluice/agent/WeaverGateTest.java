package dev.sluice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/**
 * The gate lets exactly the classes the probes weave reach Byte Buddy, and the weaves' matchers are made from the same
 * list (the ITs prove the classes are woven).
 */
class WeaverGateTest {

    private static final List<String> WOVEN_NAMES = List.of("software.amazon.awssdk.core.internal.handler.BaseAsyncClientHandler",
            "software.amazon.awssdk.core.internal.handler.BaseSyncClientHandler",
            "io.grpc.netty.NettyClientTransport", "io.grpc.netty.shaded.io.grpc.netty.NettyClientStream$TransportState",
            "io.grpc.netty.shaded.io.grpc.netty.NettyClientHandler$PingCountingFrameWriter",
            "io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder$FrameReadListener",
            "io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder$FrameReadListener",
            "io.grpc.internal.AbstractClientStream$TransportState", "io.grpc.ClientInterceptors$InterceptorChannel",
            "io.grpc.internal.ManagedChannelImpl$RealChannel", "org.apache.arrow.flight.FlightClient",
            "org.apache.arrow.flight.FlightStream", "io.delta.standalone.internal.OptimisticTransactionImpl",
            "io.delta.standalone.internal.DeltaLogImpl");
    private static final List<String> OTHER_NAMES = List.of("software.amazon.awssdk.core.internal.handler.BaseClientHandler",
            "software.amazon.awssdk.services.s3.DefaultS3AsyncClient", "io.grpc.netty.NettyChannelBuilder",
            "io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder", "org.apache.arrow.flight.FlightClient$1",
            "java.util.concurrent.CompletableFuture", "shaded.io.delta.standalone.internal.DeltaLogImpl",
            "x.software.amazon.awssdk.core.internal.handler.BaseSyncClientHandler");

    @Test
    void everyWovenClassMayWeaveAlsoUnderGrpcNettyShaded() {
        for (String name : WOVEN_NAMES) {
            assertTrue(WeaverGate.mayWeave(name.replace('.', '/')), name);
        }
    }

    @Test
    void theJobsOtherClassesNeitherWaitNorReachByteBuddy() {
        for (String name : OTHER_NAMES) {
            assertFalse(WeaverGate.mayWeave(name.replace('.', '/')), name);
        }
    }

    @Test
    void theGateAndTheWeavesMatchersAgreeOnEveryName() {
        List<String> names = new ArrayList<>(WOVEN_NAMES);
        names.addAll(OTHER_NAMES);
        for (String name : names) {
            TypeDescription type = new TypeDescription.Latent(name, Modifier.PUBLIC, TypeDescription.ForLoadedType.of(Object.class).asGenericType());
            boolean matched = WeaverGate.WOVEN.stream().anyMatch(w -> LibraryInstrumentation.matcher(w).matches(type));
            assertEquals(WeaverGate.mayWeave(name.replace('.', '/')), matched, name);
        }
    }

    @Test
    void everyClassTheGateLetsThroughIsWovenAndEveryWovenClassIsInTheGate() {
        Set<WovenClass> weaved = Stream.concat(S3Instrumentation.weaves().stream(), LibraryInstrumentation.weaves().stream())
                .map(LibraryInstrumentation.Weave::type).collect(Collectors.toCollection(() -> EnumSet.noneOf(WovenClass.class)));
        assertEquals(EnumSet.copyOf(WeaverGate.WOVEN), weaved);
    }
}
