package dev.sluice.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon threads of one background concern of the console (loading sources, writing files),
 * so that a slow disk never holds up a trace load and each can be shut down on exit.
 */
final class Background {

    private static final Logger LOG = LoggerFactory.getLogger(Background.class);

    private final ExecutorService executor;

    private Background(ExecutorService executor) {
        this.executor = executor;
    }

    /** As many threads as there is work (a run's thread waits for the run to end). */
    static Background pool(String prefix) {
        return new Background(Executors.newCachedThreadPool(daemon(prefix)));
    }

    /** One thread: writes happen in the order asked. */
    static Background serial(String prefix) {
        return new Background(Executors.newSingleThreadExecutor(daemon(prefix)));
    }

    void execute(Runnable work) {
        executor.execute(work);
    }

    /** Computes {@code work} here, then hands its result (or its failure, logged) to {@code ui}. */
    <T> void compute(Executor ui, Supplier<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        try {
            executor.execute(() -> {
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException | Error e) { // an OutOfMemoryError too: the view must hear of it
                    LOG.warn("background work for a view failed", e);
                    ui.execute(() -> failed.accept(e));
                    return;
                }
                ui.execute(() -> done.accept(result));
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("background work for a view was refused: the console is closing", e);
            ui.execute(() -> failed.accept(e));
        }
    }

    /** Interrupts what runs and refuses new work. */
    void shutdown() {
        executor.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
