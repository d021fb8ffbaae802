package dev.sluice.agent;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves {@link S3Advice} into the application's AWS SDK v2 client handlers as they load (or, when
 * loaded late, into those already loaded: retransformation, no new fields or methods). A class that
 * cannot be woven is reported once as the probe's failure; the job runs on unwoven.
 */
final class S3Instrumentation {

    private S3Instrumentation() {
    }

    /** @param late the SDK may be loaded already (a late attach): retransform it; at the JVM's start it cannot be */
    static void install(Instrumentation instrumentation, boolean late) {
        builder(late).installOn(instrumentation);
    }

    static AgentBuilder builder(boolean late) {
        return LibraryInstrumentation.weaveAll(LibraryInstrumentation.agentBuilder()
                .with(LibraryInstrumentation.redefinition(late))
                .with(new FailureListener())
                .ignore(nameStartsWith("dev.sluice.agent.").or(nameStartsWith("net.bytebuddy."))), weaves());
    }

    /** The S3 weaves: a client built, its requests, its close, in both handlers. */
    static List<LibraryInstrumentation.Weave> weaves() {
        ElementMatcher.Junction<MethodDescription> execute = named("execute").and(isPublic())
                .and(takesArguments(1).or(takesArguments(2)));
        ElementMatcher.Junction<MethodDescription> close = named("close").and(takesArguments(0));
        return List.of(new LibraryInstrumentation.Weave(WovenClass.S3_ASYNC_HANDLER, S3Advice.AsyncBuilt.class, isConstructor()),
                new LibraryInstrumentation.Weave(WovenClass.S3_ASYNC_HANDLER, S3Advice.AsyncExecute.class, execute),
                new LibraryInstrumentation.Weave(WovenClass.S3_ASYNC_HANDLER, S3Advice.Close.class, close),
                new LibraryInstrumentation.Weave(WovenClass.S3_SYNC_HANDLER, S3Advice.SyncBuilt.class, isConstructor()),
                new LibraryInstrumentation.Weave(WovenClass.S3_SYNC_HANDLER, S3Advice.SyncExecute.class, execute),
                new LibraryInstrumentation.Weave(WovenClass.S3_SYNC_HANDLER, S3Advice.Close.class, close));
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
