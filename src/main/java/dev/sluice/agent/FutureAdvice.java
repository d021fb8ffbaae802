package dev.sluice.agent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import net.bytebuddy.asm.Advice;

/**
 * Advice woven into the JDK's {@code FutureTask} and {@code CompletableFuture} (bootstrap classes):
 * it may use bootstrap types only, so it reaches {@link FutureProbes} through a {@link BiConsumer} in
 * the system properties (a concurrent map: no lock). It calls out only on a failure with nobody
 * waiting, or on a read of a failed future; every other path costs a field read or two, no allocation, no lookup.
 */
final class FutureAdvice {

    private FutureAdvice() {
    }

    /** {@code FutureTask.setException}: the task failed (a FutureTask has no dependents to wait on it). */
    @SuppressWarnings("unchecked") // the hook is put there as a BiConsumer<Object, Object>
    static final class TaskFailed {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object task, @Advice.Argument(0) Throwable error) {
            Object hook = System.getProperties().get(FutureProbes.HOOK_KEY);
            if (hook instanceof BiConsumer) {
                ((BiConsumer<Object, Object>) hook).accept(task, error);
            }
        }
    }

    /** {@code FutureTask.get}: a failure read is an ExecutionException thrown to the caller. */
    @SuppressWarnings("unchecked") // the hook is put there as a BiConsumer<Object, Object>
    static final class TaskGet {
        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object task, @Advice.Thrown Throwable thrown) {
            if (thrown instanceof ExecutionException) {
                Object hook = System.getProperties().get(FutureProbes.HOOK_KEY);
                if (hook instanceof BiConsumer) {
                    ((BiConsumer<Object, Object>) hook).accept(task, "GET");
                }
            }
        }
    }

    /** {@code CompletableFuture.completeThrowable/completeExceptionally}: failed; unread if nothing waited on it. */
    @SuppressWarnings("unchecked") // the hook is put there as a BiConsumer<Object, Object>
    static final class FutureFailed {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.FieldValue("stack") Object waiting) {
            return waiting == null;
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object future, @Advice.Argument(0) Throwable error, @Advice.Enter boolean unwaited,
                         @Advice.Return boolean completed) {
            if (completed && unwaited) {
                Object hook = System.getProperties().get(FutureProbes.HOOK_KEY);
                if (hook instanceof BiConsumer) {
                    ((BiConsumer<Object, Object>) hook).accept(future, error);
                }
            }
        }
    }

    /** {@code CompletableFuture.get/join/getNow} threw: the failure was read. */
    @SuppressWarnings("unchecked") // the hook is put there as a BiConsumer<Object, Object>
    static final class FutureRead {
        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object future, @Advice.Origin("#m") String method, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                Object hook = System.getProperties().get(FutureProbes.HOOK_KEY);
                if (hook instanceof BiConsumer) {
                    ((BiConsumer<Object, Object>) hook).accept(future, method.equals("get") ? "GET" : "JOIN");
                }
            }
        }
    }

    /**
     * A dependent stage ({@code thenApply}, {@code handle}, {@code exceptionally}, …) attached to a future that
     * failed. The SDK attaches many stages per request to futures that completed normally: that path reads a field
     * and calls {@code isCompletedExceptionally} (a field read and a type check once inlined), and nothing else.
     * A minimal stage ({@code minimalCompletionStage()}) throws from that call, so it takes the hook's look-up path.
     */
    @SuppressWarnings("unchecked") // the hook is put there as a BiConsumer<Object, Object>
    static final class FutureCallback {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This CompletableFuture<?> future, @Advice.FieldValue("result") Object result) {
            boolean failed;
            try {
                failed = result != null && future.isCompletedExceptionally();
            } catch (UnsupportedOperationException minimalStage) {
                failed = true; // a minimal stage will not say: the hook looks it up
            }
            if (failed) {
                Object hook = System.getProperties().get(FutureProbes.HOOK_KEY);
                if (hook instanceof BiConsumer) {
                    ((BiConsumer<Object, Object>) hook).accept(future, "CALLBACK");
                }
            }
        }
    }
}
