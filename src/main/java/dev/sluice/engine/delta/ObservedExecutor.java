package dev.sluice.engine.delta;

import dev.sluice.event.DeltaEvent;
import dev.sluice.event.DeltaEvent.Observation;
import dev.sluice.event.DeltaEvent.TaskOutcome;
import dev.sluice.event.Emitter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed thread pool that knows, for every task, whether anyone ever looked at its result: a
 * failed future nobody calls {@code get}/{@code join} on, and no callback sees, is the bug the seed
 * hid for weeks. Emits {@code TaskSubmitted}, {@code TaskFinished} (on the worker thread),
 * {@code TaskObserved} (on the observing thread) and {@code ExecutorShutdown}.
 */
public final class ObservedExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ObservedExecutor.class);

    /** A task's future; reading it through this handle is what counts as observing it. */
    public final class Task<T> {
        private final String id;
        private final CompletableFuture<T> future = new CompletableFuture<>();
        private final AtomicBoolean observed = new AtomicBoolean();

        private Task(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public boolean isDone() {
            return future.isDone();
        }

        public boolean failed() {
            return future.isCompletedExceptionally();
        }

        public boolean observed() {
            return observed.get();
        }

        /** Waits for the result; throws the task's failure as {@link ExecutionException}. */
        public T get() throws InterruptedException, ExecutionException {
            try {
                return future.get();
            } finally {
                markObserved(Observation.GET);
            }
        }

        /** Waits for the result; throws the task's failure unchecked. */
        public T join() {
            try {
                return future.join();
            } finally {
                markObserved(Observation.JOIN);
            }
        }

        /** Runs {@code callback} with the result or failure when the task ends. */
        public void whenComplete(BiConsumer<? super T, ? super Throwable> callback) {
            future.handle((value, failure) -> {
                markObserved(Observation.CALLBACK);
                callback.accept(value, failure);
                return null;
            }).exceptionally(e -> { // the task's own failure went to the callback; this is the callback's
                LOG.error("a completion callback failed", e);
                return null;
            });
        }

        /** Waits for the end without reading the result (as a pool's awaitTermination does). */
        void awaitQuietly(long millis) throws InterruptedException {
            try {
                // waits for the end only: the failure, if any, stays unread (it is in TaskFinished)
                future.handle((value, failure) -> Boolean.TRUE).get(millis, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("waiting for task " + id + " failed", e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("task " + id + " still running after " + millis + " ms", e);
            }
        }

        private void markObserved(Observation how) {
            if (future.isDone() && observed.compareAndSet(false, true)) {
                emitter.emit(new DeltaEvent.TaskObserved(pool, id, how));
            }
        }
    }

    private final String pool;
    private final Emitter emitter;
    private final ExecutorService threads;
    private final Map<String, Task<?>> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger failed = new AtomicInteger();

    public ObservedExecutor(String pool, int threads, Emitter emitter) {
        this.pool = pool;
        this.emitter = emitter;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, pool + "-thread-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public String pool() {
        return pool;
    }

    /** Submits {@code work} as task {@code id} on behalf of {@code writer}. */
    public <T> Task<T> submit(String id, String writer, Callable<T> work) {
        Task<T> task = new Task<>(id);
        if (tasks.putIfAbsent(id, task) != null) {
            throw new IllegalArgumentException("task id " + id + " submitted twice to " + pool);
        }
        emitter.emit(new DeltaEvent.TaskSubmitted(pool, id, writer));
        threads.execute(() -> {
            try {
                T value = work.call();
                emitter.emit(new DeltaEvent.TaskFinished(pool, id, TaskOutcome.OK, "", ""));
                task.future.complete(value);
            } catch (Throwable t) {
                failed.incrementAndGet();
                emitter.emit(new DeltaEvent.TaskFinished(pool, id, TaskOutcome.FAILED, t.getClass().getName(),
                        TableWriter.firstLine(t.getMessage())));
                task.future.completeExceptionally(t);
            }
        });
        return task;
    }

    /** Task ids whose failure nobody read. */
    public List<String> unobservedFailures() {
        return tasks.values().stream().filter(t -> t.failed() && !t.observed()).map(Task::id).sorted().toList();
    }

    /** True when {@code id} failed and nobody read its failure. */
    public boolean failedUnobserved(String id) {
        Task<?> t = tasks.get(id);
        return t != null && t.failed() && !t.observed();
    }

    /** Waits for every task to end without reading any result, as {@code shutdown + awaitTermination} does. */
    public void awaitAll(long millis) throws InterruptedException {
        for (Task<?> t : tasks.values()) {
            t.awaitQuietly(millis);
        }
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdown();
        if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
        int observed = (int) tasks.values().stream().filter(Task::observed).count();
        emitter.emit(new DeltaEvent.ExecutorShutdown(pool, tasks.size(), failed.get(), observed));
    }
}
