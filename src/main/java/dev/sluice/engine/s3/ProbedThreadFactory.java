package dev.sluice.engine.s3;

import dev.sluice.event.Emitter;
import dev.sluice.event.S3Event;
import dev.sluice.event.S3Event.ThreadRole;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the engine's threads and reports their life: {@code ThreadSeen} as the thread starts and
 * {@code ThreadEnded} as it exits, both emitted on that thread, so an owner thread that ends while
 * its client is still open shows on the timeline at the moment it happens.
 */
final class ProbedThreadFactory implements ThreadFactory {

    private final String prefix;
    private final ThreadRole role;
    private final String client;
    private final Emitter emitter;
    private final ThreadRegistry registry;
    private final AtomicInteger next = new AtomicInteger();

    ProbedThreadFactory(String prefix, ThreadRole role, String client, Emitter emitter, ThreadRegistry registry) {
        this.prefix = prefix;
        this.role = role;
        this.client = client;
        this.emitter = emitter;
        this.registry = registry;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread t = new Thread(() -> {
            Thread self = Thread.currentThread();
            registry.started(self, role, client);
            emitter.emit(new S3Event.ThreadSeen(self.getName(), self.getId(), role, client));
            try {
                work.run();
            } finally {
                emitter.emit(new S3Event.ThreadEnded(self.getName(), self.getId(), role, client));
                registry.ended(self);
            }
        }, prefix + "-" + next.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
