package dev.sluice.agent;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves {@link S3Advice} into the application's AWS SDK v2 client handlers as they load (or, when
 * loaded late, into those already loaded: retransformation, no new fields or methods). A class that
 * cannot be woven is reported once as the probe's failure; the job runs on unwoven.
 */
final class S3Instrumentation {

    static final String ASYNC_HANDLER = "software.amazon.awssdk.core.internal.handler.BaseAsyncClientHandler";
    static final String SYNC_HANDLER = "software.amazon.awssdk.core.internal.handler.BaseSyncClientHandler";

    private S3Instrumentation() {
    }

    /** @param late the SDK may be loaded already (a late attach): retransform it; at the JVM's start it cannot be */
    static void install(Instrumentation instrumentation, boolean late) {
        builder(late).installOn(instrumentation);
    }

    static AgentBuilder builder(boolean late) {
        return LibraryInstrumentation.agentBuilder()
                .with(LibraryInstrumentation.redefinition(late))
                .with(new FailureListener())
                .ignore(nameStartsWith("dev.sluice.agent.").or(nameStartsWith("net.bytebuddy.")))
                .type(named(ASYNC_HANDLER))
                .transform((builder, type, loader, module, domain) -> weave(builder, S3Advice.AsyncBuilt.class,
                        S3Advice.AsyncExecute.class))
                .type(named(SYNC_HANDLER))
                .transform((builder, type, loader, module, domain) -> weave(builder, S3Advice.SyncBuilt.class,
                        S3Advice.SyncExecute.class));
    }

    private static DynamicType.Builder<?> weave(DynamicType.Builder<?> builder, Class<?> built, Class<?> execute) {
        return builder
                .visit(Advice.to(built).on(isConstructor()))
                .visit(Advice.to(execute).on(named("execute").and(isPublic())
                        .and(takesArguments(1).or(takesArguments(2)))))
                .visit(Advice.to(S3Advice.Close.class).on(named("close").and(takesArguments(0))));
    }

    /** A handler class Byte Buddy could not weave: the S3 probes see nothing, and the trace says so. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable error) {
            Probes.failed(ProbeName.S3_CLIENT_BUILT, new IllegalStateException("cannot instrument " + typeName
                    + ": " + error, error));
        }
    }
}
