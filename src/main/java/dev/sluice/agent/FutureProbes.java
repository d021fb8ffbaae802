package dev.sluice.agent;

import dev.sluice.event.DeltaEvent;
import dev.sluice.event.DeltaEvent.Observation;
import dev.sluice.event.DeltaEvent.TaskOutcome;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * {@code UNOBSERVED_FAILURE} in any job: the JDK's {@code FutureTask} and {@code CompletableFuture}
 * report a task that failed with nobody waiting on it ({@code TaskFinished}, failed) and the first
 * {@code get}/{@code join} or callback that reads that failure later ({@code TaskObserved}), the events
 * the Delta engine's observed executor emits. Those classes are the bootstrap loader's and cannot see
 * the agent: their advice finds this hook, a {@link BiConsumer} (a bootstrap type), under
 * {@link #HOOK_KEY} in the system properties. Only failures reach it, and reads of a failed future.
 */
final class FutureProbes implements BiConsumer<Object, Object> {

    static final String HOOK_KEY = "dev.sluice.agent.futures";
    private static final AtomicLong TASKS = new AtomicLong();
    private static final String AGENT_THREADS = "sluice-agent";

    private record Failed(String pool, String task) { }

    /** Failed futures nobody had read when they failed; weak: a dropped future is not kept by Sluice. */
    private final Map<Object, Failed> failed = Collections.synchronizedMap(new WeakHashMap<>());

    static void install() {
        System.getProperties().put(HOOK_KEY, new FutureProbes());
    }

    /**
     * From the advice: {@code what} is the failure (a {@link Throwable}) when {@code future} failed with
     * no one waiting, or the name of an {@link Observation} when someone reads it.
     */
    @Override
    public void accept(Object future, Object what) {
        try {
            if (!Probes.on(ProbeName.FUTURES)) {
                return;
            }
            if (what instanceof Throwable error) {
                failedUnread(future, error);
            } else if (what instanceof String how) {
                read(future, how);
            }
        } catch (Throwable t) {
            Probes.failed(ProbeName.FUTURES, t);
        }
    }

    private void failedUnread(Object future, Throwable error) {
        String thread = Thread.currentThread().getName();
        if (thread.startsWith(AGENT_THREADS)) {
            return; // the agent's own start-up
        }
        Throwable cause = (error instanceof CompletionException || error instanceof ExecutionException)
                && error.getCause() != null ? error.getCause() : error;
        Failed f = new Failed(pool(thread), "task-" + TASKS.incrementAndGet());
        if (failed.putIfAbsent(future, f) != null) {
            return;
        }
        String message = cause.getMessage() == null ? "" : GrpcProbes.oneLine(cause.getMessage().lines().findFirst().orElse(""));
        Probes.emit(new DeltaEvent.TaskFinished(f.pool, f.task, TaskOutcome.FAILED, cause.getClass().getName(), message));
    }

    private void read(Object future, String how) {
        if (future instanceof CompletableFuture<?> cf && !failedOrUnknown(cf)) {
            return; // a callback on a future that did not fail: the common case, no lookup
        }
        Failed f = failed.remove(future);
        if (f != null) {
            Probes.emit(new DeltaEvent.TaskObserved(f.pool, f.task, Observation.valueOf(how)));
        }
    }

    /** A minimal stage throws from {@code isCompletedExceptionally}: it is looked up like a failed one. */
    private static boolean failedOrUnknown(CompletableFuture<?> future) {
        try {
            return future.isCompletedExceptionally();
        } catch (UnsupportedOperationException minimalStage) {
            return true;
        }
    }

    /** The pool a worker thread belongs to, from its name: {@code pool-3-thread-2} is {@code pool-3}. */
    static String pool(String thread) {
        int cut = thread.lastIndexOf("-thread-");
        if (cut > 0) {
            return thread.substring(0, cut);
        }
        cut = thread.lastIndexOf("-worker-");
        if (cut > 0) {
            return thread.substring(0, cut);
        }
        int dash = thread.lastIndexOf('-');
        return dash > 0 && dash < thread.length() - 1 && thread.substring(dash + 1).chars().allMatch(Character::isDigit)
                ? thread.substring(0, dash) : thread;
    }
}
