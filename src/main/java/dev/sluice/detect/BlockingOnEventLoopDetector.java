package dev.sluice.detect;

import dev.sluice.event.Event;
import dev.sluice.event.S3Event.ThreadBlocked;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code BLOCKING_ON_EVENT_LOOP}: an event-loop or completion thread waiting in a future's
 * {@code join}/{@code get} for at least {@link #MIN_BLOCKED_NANOS} (SDK issue #432). Such a wait
 * often waits for I/O that only this very thread can do, so it lasts until a timeout ends it.
 * Reported while it lasts; the end moves with each watchdog sample.
 */
public final class BlockingOnEventLoopDetector implements Detector {

    static final long MIN_BLOCKED_NANOS = 200_000_000L;

    private final Map<String, Finding> byThread = new HashMap<>();

    @Override
    public Consumes consumes() {
        return Consumes.kinds(ThreadBlocked.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (!(event.body() instanceof ThreadBlocked b) || b.blockedNanos() < MIN_BLOCKED_NANOS) {
            return;
        }
        long start = event.timeNanos() - b.blockedNanos();
        Finding prior = byThread.get(b.threadName());
        if (prior != null && prior.startNanos() <= start + 500_000_000L && prior.endNanos() >= start - 500_000_000L) {
            // the same wait, seen again: extend it
            Finding extended = prior.endedAt(event.timeNanos());
            byThread.put(b.threadName(), extended);
            findings.report(extended);
            return;
        }
        String id = "BLOCKING_ON_EVENT_LOOP/" + b.threadName() + (prior == null ? "" : "@" + start / 1_000_000);
        Finding f = new Finding(id, FindingCode.BLOCKING_ON_EVENT_LOOP, FindingCode.BLOCKING_ON_EVENT_LOOP.severity(),
                start, event.timeNanos(),
                List.of(ResourceRef.of("thread", b.threadName()), ResourceRef.of("client", String.valueOf(b.client()))),
                b.role().id() + " thread " + b.threadName() + " blocked in " + b.blockedIn(),
                "The " + b.role().id() + " thread " + b.threadName() + " of " + b.client() + " is waiting in " + b.blockedIn()
                        + ", called from " + b.calledFrom() + ". While it waits, every connection bound to this thread "
                        + "stalls; if the awaited request needs this very thread for its I/O or completion, it can only "
                        + "end through apiCallTimeout (with no timeout: a deadlock).",
                "Never block in a callback: compose with thenCompose/thenCombine instead of join()/get(), or move the "
                        + "blocking step to your own executor (thenApplyAsync(fn, executor)); keep a completion executor "
                        + "off the event loop, and always set apiCallTimeout.");
        byThread.put(b.threadName(), f);
        findings.report(f);
    }
}
