package dev.sluice.agent;

import net.bytebuddy.asm.Advice;

/**
 * Byte Buddy advice woven into the application's own AWS SDK client handlers
 * ({@code BaseAsyncClientHandler}, {@code BaseSyncClientHandler}): a handler per client, so its
 * construction is the client's creation, its {@code execute} each request and its {@code close} the
 * client's close. The advice only calls {@link S3Probes}; {@code suppress} keeps even an error in the
 * woven code itself out of the job. It is delegated ({@code inline = false}): the woven method gets one static call
 * into this class, not the advice's code, so the SDK's methods stay the size the JIT compiles them at without the
 * agent. Hence public: the SDK's classes call it, through their loader's delegation to the one that loaded the
 * agent (the same visibility the probes already need; the SDK is never a bootstrap class).
 */
public final class S3Advice {

    private S3Advice() {
    }

    /** An async client handler was constructed. */
    public static final class AsyncBuilt {
        @Advice.OnMethodExit(inline = false, suppress = Throwable.class)
        public static void exit(@Advice.This Object handler, @Advice.Argument(0) Object configuration) {
            S3Probes.clientBuilt(handler, configuration, true);
        }
    }

    /** A sync client handler was constructed. */
    public static final class SyncBuilt {
        @Advice.OnMethodExit(inline = false, suppress = Throwable.class)
        public static void exit(@Advice.This Object handler, @Advice.Argument(0) Object configuration) {
            S3Probes.clientBuilt(handler, configuration, false);
        }
    }

    /** An async request: started on the caller, ended where its future completes. */
    public static final class AsyncExecute {
        @Advice.OnMethodEnter(inline = false, suppress = Throwable.class)
        public static S3Probes.Request enter(@Advice.This Object handler, @Advice.Argument(0) Object params) {
            return S3Probes.started(handler, params);
        }

        @Advice.OnMethodExit(inline = false, suppress = Throwable.class, onThrowable = Throwable.class)
        public static void exit(@Advice.Enter S3Probes.Request request, @Advice.Return Object future,
                         @Advice.Thrown Throwable thrown) {
            S3Probes.issued(request, future, thrown);
        }
    }

    /** A sync request: started and ended on the calling thread. */
    public static final class SyncExecute {
        @Advice.OnMethodEnter(inline = false, suppress = Throwable.class)
        public static S3Probes.Request enter(@Advice.This Object handler, @Advice.Argument(0) Object params) {
            return S3Probes.started(handler, params);
        }

        @Advice.OnMethodExit(inline = false, suppress = Throwable.class, onThrowable = Throwable.class)
        public static void exit(@Advice.Enter S3Probes.Request request, @Advice.Return Object result,
                         @Advice.Thrown Throwable thrown) {
            S3Probes.ended(request, result, thrown);
        }
    }

    /** A client handler's close(), on the closing thread, before anything is torn down. */
    public static final class Close {
        @Advice.OnMethodEnter(inline = false, suppress = Throwable.class)
        public static void enter(@Advice.This Object handler) {
            S3Probes.closing(handler);
        }
    }
}
