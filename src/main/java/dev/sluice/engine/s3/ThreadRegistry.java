package dev.sluice.engine.s3;

import dev.sluice.event.S3Event.ThreadRole;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live threads the S3 engine started (pool, event-loop, completion), with their role and the
 * client they serve. The watchdog samples the event-loop and completion threads listed here, and a
 * client's live SDK thread count comes from here.
 */
public final class ThreadRegistry {

    /** One registered thread; {@code client} is empty for threads that serve no single client. */
    public record Entry(Thread thread, ThreadRole role, String client) { }

    private final Map<Long, Entry> live = new ConcurrentHashMap<>();

    void started(Thread thread, ThreadRole role, String client) {
        live.put(thread.getId(), new Entry(thread, role, client));
    }

    void ended(Thread thread) {
        live.remove(thread.getId());
    }

    /** Threads currently alive in one of {@code roles}. */
    public List<Entry> liveIn(ThreadRole... roles) {
        List<ThreadRole> wanted = List.of(roles);
        return live.values().stream().filter(e -> wanted.contains(e.role())).toList();
    }

    /** Live event-loop and completion threads serving {@code client}. */
    public int liveSdkThreads(String client) {
        int n = 0;
        for (Entry e : live.values()) {
            if (client.equals(e.client()) && e.role() != ThreadRole.POOL) {
                n++;
            }
        }
        return n;
    }

    /**
     * Waits up to {@code millis} in all for every registered thread to end (so their
     * {@code ThreadEnded} events are in the run); returns how many are still alive.
     */
    public int awaitAllEnded(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        for (Entry e : List.copyOf(live.values())) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left > 0) {
                e.thread().join(left);
            }
        }
        return (int) live.values().stream().filter(e -> e.thread().isAlive()).count();
    }
}
