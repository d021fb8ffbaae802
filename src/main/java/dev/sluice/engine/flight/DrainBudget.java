package dev.sluice.engine.flight;

import dev.sluice.event.Emitter;
import dev.sluice.event.FlightEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.memory.AllocationReservation;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.CommonUtil;

/**
 * The memory budget of the drain buffers: an Arrow child allocator whose limit is the budget; each
 * buffered batch holds a reservation on it until the consumer is done with it. A drain task that
 * cannot reserve waits (back-pressure at the budget, not per stream); if it waits longer than the
 * allowed time the shuffle fails with a clear "budget exceeded" instead of running out of memory.
 */
final class DrainBudget implements AutoCloseable {

    /** The budget cannot take a batch: too big, or the budget is held by streams nobody is reading. */
    static final class ExceededException extends Exception {
        ExceededException(String message) {
            super(message);
        }
    }

    private final BufferAllocator allocator;
    private final long budget;
    private final Emitter out;
    private final Map<String, Long> byStream = new LinkedHashMap<>();
    private long reserved;
    private long peak;

    DrainBudget(BufferAllocator parent, long budget, Emitter out) {
        this.allocator = parent.newChildAllocator("flight-drain-budget", 0, budget);
        this.budget = budget;
        this.out = out;
    }

    /** Reserves {@code bytes} for a batch of {@code stream}, waiting up to {@code maxWaitNanos}. */
    synchronized AllocationReservation acquire(String stream, long bytes, long maxWaitNanos, ShuffleRun run)
            throws ExceededException, InterruptedException {
        if (CommonUtil.nextPowerOfTwo(bytes) > budget) {
            throw new ExceededException("a batch of " + bytes + " bytes from stream " + stream
                    + " is larger than the whole drain budget of " + budget + " bytes");
        }
        long blockedAt = 0;
        while (true) {
            AllocationReservation r = allocator.newReservation();
            // add() (not reserve()) is what close() gives back; Arrow rounds it up to a power of two
            if (r.add(bytes)) {
                long held = r.getSizeLong();
                reserved += held;
                peak = Math.max(peak, reserved);
                byStream.merge(stream, held, Long::sum);
                if (blockedAt != 0) {
                    out.emit(new FlightEvent.BudgetUnblocked(stream, System.nanoTime() - blockedAt));
                }
                out.emit(new FlightEvent.BufferReserved(stream, held, reserved, budget));
                return r;
            }
            r.close();
            long now = System.nanoTime();
            if (blockedAt == 0) {
                blockedAt = now;
                out.emit(new FlightEvent.BudgetBlocked(stream, bytes, reserved, budget));
            } else if (now - blockedAt > maxWaitNanos) {
                throw new ExceededException("drain budget of " + budget + " bytes exhausted: stream " + stream + " waited "
                        + (now - blockedAt) / 1_000_000 + " ms for " + bytes + " bytes while " + reserved
                        + " bytes were held by " + holders());
            }
            if (run.isAborted()) {
                throw new InterruptedException("shuffle aborted: " + run.abortReason());
            }
            wait(50);
        }
    }

    synchronized void release(String stream, AllocationReservation r) {
        long bytes = r.getSizeLong();
        r.close();
        reserved -= bytes;
        byStream.merge(stream, -bytes, Long::sum);
        out.emit(new FlightEvent.BufferReserved(stream, -bytes, reserved, budget));
        notifyAll();
    }

    private String holders() {
        return byStream.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " (" + e.getValue() + " bytes)").collect(Collectors.joining(", "));
    }

    synchronized long peak() {
        return peak;
    }

    @Override
    public void close() {
        allocator.close();
    }
}
