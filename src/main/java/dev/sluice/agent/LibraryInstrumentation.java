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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
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

    private LibraryInstrumentation() {
    }

    /** @param late loaded into a running JVM: gRPC and Delta may be loaded already; at the JVM's start they are not */
    static void install(Instrumentation instrumentation, boolean late) {
        builder(late).installOn(instrumentation);
        installFutures(instrumentation);
    }

    /** One advice woven into the methods {@code methods} of the library class {@code type}. */
    record Weave(WovenClass type, Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
    }

    /** The gRPC, Flight and Delta weaves; every type is one of {@link WeaverGate#WOVEN}. */
    static List<Weave> weaves() {
        return List.of(new Weave(WovenClass.GRPC_TRANSPORT, GrpcAdvice.TransportStart.class, named("start").and(takesArguments(1))),
                new Weave(WovenClass.GRPC_TRANSPORT, GrpcAdvice.TransportShutdown.class, named("shutdown").or(named("shutdownNow"))),
                new Weave(WovenClass.GRPC_STREAM, GrpcAdvice.StreamCreated.class, isConstructor().and(takesArguments(11))),
                new Weave(WovenClass.GRPC_STREAM_STATE, GrpcAdvice.StreamActive.class, named("setHttp2Stream")),
                new Weave(WovenClass.GRPC_HANDLER, GrpcAdvice.DataRead.class, named("onDataRead").and(takesArguments(4))),
                new Weave(WovenClass.GRPC_ABSTRACT_STREAM_STATE, GrpcAdvice.StreamEnded.class,
                        named("transportReportStatus").and(takesArguments(4))),
                new Weave(WovenClass.GRPC_FRAME_WRITER, GrpcAdvice.WindowSent.class, named("writeWindowUpdate")),
                new Weave(WovenClass.HTTP2_FRAME_LISTENER, GrpcAdvice.WindowRead.class, named("onWindowUpdateRead")),
                new Weave(WovenClass.GRPC_INTERCEPTOR_CHANNEL, GrpcAdvice.NewCall.class, named("newCall").and(takesArguments(2))),
                new Weave(WovenClass.GRPC_REAL_CHANNEL, GrpcAdvice.NewCall.class, named("newCall").and(takesArguments(2))),
                new Weave(WovenClass.FLIGHT_CLIENT, GrpcAdvice.GetStream.class, named("getStream").and(takesArguments(2))),
                new Weave(WovenClass.FLIGHT_STREAM, GrpcAdvice.Next.class, named("next").and(takesArguments(0))),
                new Weave(WovenClass.DELTA_TRANSACTION, DeltaAdvice.Commit.class, named("commit").and(takesArguments(3))),
                new Weave(WovenClass.DELTA_TRANSACTION, DeltaAdvice.AttemptVersion.class, named("doCommit").and(takesArguments(3))),
                new Weave(WovenClass.DELTA_LOG, DeltaAdvice.LogOpened.class, isConstructor()));
    }

    /** The gRPC, Flight and Delta weaving, not installed yet. */
    static AgentBuilder builder(boolean late) {
        AgentBuilder libraries = agentBuilder()
                .with(redefinition(late))
                .with(new FailureListener(null))
                .ignore(nameStartsWith("dev.sluice.agent.").or(nameStartsWith("net.bytebuddy.")));
        return weaveAll(libraries, weaves());
    }

    /** {@code weaves} added to {@code builder}, one transformation per woven type (its advice applied in order). */
    static AgentBuilder weaveAll(AgentBuilder builder, List<Weave> weaves) {
        Map<WovenClass, List<Weave>> byType = weaves.stream()
                .collect(Collectors.groupingBy(Weave::type, () -> new EnumMap<>(WovenClass.class), Collectors.toList()));
        AgentBuilder out = builder;
        for (Map.Entry<WovenClass, List<Weave>> e : byType.entrySet()) {
            List<Weave> ofType = e.getValue();
            out = out.type(matcher(e.getKey())).transform((b, t, loader, module, domain) -> {
                DynamicType.Builder<?> woven = b;
                for (Weave w : ofType) {
                    woven = woven.visit(Advice.to(w.advice()).on(w.methods()));
                }
                return woven;
            });
        }
        return out;
    }

    /** The type matcher of a woven class: the same name the {@link WeaverGate} lets through. */
    static ElementMatcher.Junction<TypeDescription> matcher(WovenClass type) {
        return type.byEnd ? nameEndsWith(type.name) : named(type.name);
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
