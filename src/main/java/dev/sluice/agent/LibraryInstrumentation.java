package dev.sluice.agent;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameEndsWith;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves {@link GrpcAdvice}, {@link DeltaAdvice} and {@link FutureAdvice} into the application's gRPC-java,
 * Arrow Flight and delta-standalone classes as they load, and into the JDK's futures (already loaded:
 * retransformation, no new fields or methods). Classes are matched by the end of their name, so
 * {@code grpc-netty-shaded} ({@code io.grpc.netty.shaded.io.grpc.netty.…}) is woven as
 * {@code grpc-netty} is. No name here may start with a package the agent's jar relocates (Arrow's,
 * Netty's buffer and util): the shade plugin would rewrite it.
 */
final class LibraryInstrumentation {

    static final String GRPC = "grpc.netty.";
    static final String HTTP2 = "netty.handler.codec.http2.";

    private LibraryInstrumentation() {
    }

    /** @param late loaded into a running JVM: gRPC and Delta may be loaded already; at the JVM's start they are not */
    static void install(Instrumentation instrumentation, boolean late) {
        builder(late).installOn(instrumentation);
        installFutures(instrumentation);
    }

    /** The gRPC, Flight and Delta weaving, not installed yet. */
    static AgentBuilder builder(boolean late) {
        AgentBuilder libraries = agentBuilder()
                .with(redefinition(late))
                .with(new FailureListener(null))
                .ignore(nameStartsWith("dev.sluice.agent.").or(nameStartsWith("net.bytebuddy.")));
        libraries = weave(libraries, nameEndsWith(GRPC + "NettyClientTransport"), GrpcAdvice.TransportStart.class,
                named("start").and(takesArguments(1)));
        libraries = weave(libraries, nameEndsWith(GRPC + "NettyClientTransport"), GrpcAdvice.TransportShutdown.class,
                named("shutdown").or(named("shutdownNow")));
        libraries = weave(libraries, nameEndsWith(GRPC + "NettyClientStream"), GrpcAdvice.StreamCreated.class,
                isConstructor().and(takesArguments(11)));
        libraries = weave(libraries, nameEndsWith(GRPC + "NettyClientStream$TransportState"), GrpcAdvice.StreamActive.class,
                named("setHttp2Stream"));
        libraries = weave(libraries, nameEndsWith(GRPC + "NettyClientHandler"), GrpcAdvice.DataRead.class,
                named("onDataRead").and(takesArguments(4)));
        libraries = weave(libraries, named("io.grpc.internal.AbstractClientStream$TransportState"), GrpcAdvice.StreamEnded.class,
                named("transportReportStatus").and(takesArguments(4)));
        libraries = weave(libraries, nameEndsWith(GRPC + "NettyClientHandler$PingCountingFrameWriter"),
                GrpcAdvice.WindowSent.class, named("writeWindowUpdate"));
        libraries = weave(libraries, nameEndsWith(HTTP2 + "DefaultHttp2ConnectionDecoder$FrameReadListener"),
                GrpcAdvice.WindowRead.class, named("onWindowUpdateRead"));
        libraries = weave(libraries, named("io.grpc.ClientInterceptors$InterceptorChannel")
                        .or(named("io.grpc.internal.ManagedChannelImpl$RealChannel")), GrpcAdvice.NewCall.class,
                named("newCall").and(takesArguments(2)));
        libraries = weave(libraries, nameEndsWith(".arrow.flight.FlightClient"), GrpcAdvice.GetStream.class,
                named("getStream").and(takesArguments(2)));
        libraries = weave(libraries, nameEndsWith(".arrow.flight.FlightStream"), GrpcAdvice.Next.class,
                named("next").and(takesArguments(0)));
        libraries = weave(libraries, named("io.delta.standalone.internal.OptimisticTransactionImpl"), DeltaAdvice.Commit.class,
                named("commit").and(takesArguments(3)));
        libraries = weave(libraries, named("io.delta.standalone.internal.OptimisticTransactionImpl"),
                DeltaAdvice.AttemptVersion.class, named("doCommit").and(takesArguments(3)));
        libraries = weave(libraries, named("io.delta.standalone.internal.DeltaLogImpl"), DeltaAdvice.LogOpened.class,
                isConstructor());
        return libraries;
    }

    /**
     * Byte Buddy as the probes need it, as cheap as it goes: no class format change (retransformable); the woven types
     * decorated (advice only: no method graph of the type and its supertypes to resolve), their class files read
     * without debug information, and no validation of the generated type (advice adds no member to validate).
     */
    static AgentBuilder agentBuilder() {
        return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.PoolStrategy.Default.FAST);
    }

    /**
     * Loaded classes are retransformed only on a late attach: at the JVM's start none of the job's libraries is
     * loaded, and scanning every loaded class (the agent's own among them) for them was much of the agent's start.
     */
    static AgentBuilder.RedefinitionStrategy redefinition(boolean late) {
        return late ? AgentBuilder.RedefinitionStrategy.RETRANSFORMATION : AgentBuilder.RedefinitionStrategy.DISABLED;
    }

    /**
     * The JDK's futures, loaded long before the agent: retransformed, with advice that uses bootstrap types only;
     * just those two classes (an explicit discovery, not a scan of every loaded class).
     */
    static void installFutures(Instrumentation instrumentation) {
        FutureProbes.install();
        AgentBuilder futures = agentBuilder()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(FutureTask.class,
                        CompletableFuture.class))
                .with(new FailureListener(ProbeName.FUTURES))
                .ignore(none());
        futures = weave(futures, named("java.util.concurrent.FutureTask"), FutureAdvice.TaskFailed.class,
                named("setException"));
        futures = weave(futures, named("java.util.concurrent.FutureTask"), FutureAdvice.TaskGet.class, named("get"));
        futures = weave(futures, named("java.util.concurrent.CompletableFuture"), FutureAdvice.FutureFailed.class,
                named("completeThrowable").or(named("completeExceptionally")));
        futures = weave(futures, named("java.util.concurrent.CompletableFuture"), FutureAdvice.FutureRead.class,
                named("get").or(named("join")).or(named("getNow")));
        futures = weave(futures, named("java.util.concurrent.CompletableFuture"), FutureAdvice.FutureCallback.class,
                nameEndsWith("Stage").and(nameStartsWith("uni").or(nameStartsWith("bi")).or(nameStartsWith("or")))
                        .and(not(isStatic())));
        futures.installOn(instrumentation);
    }

    private static AgentBuilder weave(AgentBuilder builder, ElementMatcher<? super TypeDescription> type, Class<?> advice,
                                      ElementMatcher<? super MethodDescription> methods) {
        return builder.type(type).transform((b, t, loader, module, domain) -> b.visit(Advice.to(advice).on(methods)));
    }

    /** A class Byte Buddy could not weave: that probe sees nothing, and the trace says so. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        private final ProbeName probe;

        /** @param probe the probe a failure disables; null: the one the class belongs to */
        FailureListener(ProbeName probe) {
            this.probe = probe;
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable error) {
            ProbeName p = probe != null ? probe : typeName.contains(".delta.") ? ProbeName.DELTA_COMMIT
                    : typeName.contains(".flight.") ? ProbeName.FLIGHT_STREAM : ProbeName.GRPC_CONNECTION;
            Probes.failed(p, new IllegalStateException("cannot instrument " + typeName + ": " + error, error));
        }
    }
}
