package dev.sluice.agent;

import dev.sluice.event.S3Event;
import dev.sluice.event.S3Event.ThreadRole;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads that build, use and complete clients, and their end. The agent cannot run code as a
 * job's thread exits, so one daemon thread looks every {@value #POLL_MILLIS} ms at the threads it was
 * told about and reports each that has ended ({@code ThreadEnded}, naming it): a leak is then pinned
 * within that much of the owner's end. At most {@value #MAX_WATCHED} threads are watched at once.
 */
final class ThreadWatch {

    static final long POLL_MILLIS = 100;
    static final int MAX_WATCHED = 10_000;

    private record Watched(WeakReference<Thread> thread, String name, long id, ThreadRole role, String client) { }

    private static final ConcurrentLinkedQueue<Watched> WATCHED = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger SIZE = new AtomicInteger();
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** The client each thread was last reported for: ThreadSeen once per thread and client in a row. */
    private static final ThreadLocal<String> SEEN_FOR = new ThreadLocal<>();

    private ThreadWatch() {
    }

    /** {@code thread} built {@code client} (its ThreadSeen is emitted by the caller). */
    static void owner(Thread thread, String client) {
        SEEN_FOR.set(client);
        watch(thread, ThreadRole.CALLER, client);
    }

    /** {@code thread} completed a request of {@code client}: reported once, with the part it plays. */
    static void completion(Thread thread, String client) {
        if (Objects.equals(SEEN_FOR.get(), client)) {
            return;
        }
        SEEN_FOR.set(client);
        ThreadRole role = roleOf(thread);
        Probes.emit(new S3Event.ThreadSeen(thread.getName(), S3Probes.threadId(thread), role, client));
        if (role != ThreadRole.CALLER) {
            watch(thread, role, client);
        }
    }

    /** An SDK event loop (Netty's thread class or the SDK's name for it), the completion pool, or a caller. */
    static ThreadRole roleOf(Thread thread) {
        String name = thread.getName();
        if (name.contains("EventLoop") || thread.getClass().getSimpleName().equals("FastThreadLocalThread")) {
            return ThreadRole.EVENT_LOOP;
        }
        return name.startsWith("sdk-async-response") ? ThreadRole.COMPLETION : ThreadRole.CALLER;
    }

    private static void watch(Thread thread, ThreadRole role, String client) {
        if (SIZE.incrementAndGet() > MAX_WATCHED) {
            SIZE.decrementAndGet();
            return; // bounded: a job with more live client threads than this has their ends unreported
        }
        WATCHED.add(new Watched(new WeakReference<>(thread), thread.getName(), S3Probes.threadId(thread), role, client));
        if (STARTED.compareAndSet(false, true)) {
            Thread watcher = new Thread(ThreadWatch::run, "sluice-agent-thread-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private static void run() {
        while (true) {
            try {
                if (Probes.on(ProbeName.THREAD_WATCH)) {
                    sweep();
                }
            } catch (Throwable t) {
                Probes.failed(ProbeName.THREAD_WATCH, t);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        }
    }

    private static void sweep() {
        for (Iterator<Watched> it = WATCHED.iterator(); it.hasNext(); ) {
            Watched w = it.next();
            Thread t = w.thread.get();
            if (t == null || !t.isAlive()) {
                it.remove();
                SIZE.decrementAndGet();
                Probes.emit(new S3Event.ThreadEnded(w.name, w.id, w.role, w.client));
            }
        }
    }
}
