package dev.sluice.detect;

import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code BUFFER_BUDGET_EXCEEDED}: drain buffers reached their memory budget and a drain task had to
 * wait for {@link #BLOCKED_NANOS} or more (back-pressure at the budget). Raised to an error when
 * the blocked stream is the one the consumer waits on: the budget is then held by streams nobody
 * reads, and the shuffle can only fail (instead of running out of memory).
 */
public final class BufferBudgetExceededDetector implements Detector {

    static final long BLOCKED_NANOS = 500_000_000L;

    private final FlightState state;
    /** False inside {@link FlightStallRules}, which applies each event to the state the rules share. */
    private final boolean ownsState;
    private final Set<String> blockedStreams = new LinkedHashSet<>();
    private Finding reported;
    private long firstBlocked = -1;
    private boolean awaitedBlocked;

    public BufferBudgetExceededDetector() {
        this(new FlightState(), true);
    }

    BufferBudgetExceededDetector(FlightState state, boolean ownsState) {
        this.state = state;
        this.ownsState = ownsState;
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (ownsState) {
            state.apply(event);
        }
        afterApply(event, findings);
    }

    /** The rule, on the state with {@code event} already applied. */
    void afterApply(Event event, FindingSink findings) {
        if (event.body() instanceof FlightEvent.BudgetBlocked && firstBlocked < 0) {
            firstBlocked = event.timeNanos();
        }
        if (state.budgetBlockedStreams == 0) {
            return; // no stream waits for budget: nothing can be newly blocked
        }
        boolean newlyBlocked = false; // a stream newly over the limit, or the awaited one now among them
        for (FlightState.Stream s : state.streams.values()) {
            if (s.budgetBlockedSince >= 0 && !s.done && state.now - s.budgetBlockedSince >= BLOCKED_NANOS) {
                boolean added = blockedStreams.add(s.name);
                boolean nowAwaited = s.name.equals(state.waitingOn) && !awaitedBlocked;
                newlyBlocked |= added || nowAwaited;
            }
        }
        if (newlyBlocked) {
            report(findings);
        }
    }

    private void report(FindingSink findings) {
        FlightState.Stream awaited = state.awaited();
        awaitedBlocked = awaitedBlocked || (awaited != null && blockedStreams.contains(awaited.name));
        List<FlightState.Stream> holders = new ArrayList<>();
        for (FlightState.Stream s : state.streams.values()) {
            if (s.reserved > 0) {
                holders.add(s);
            }
        }
        holders.sort((a, b) -> Long.compare(b.reserved, a.reserved));
        StringBuilder held = new StringBuilder();
        for (FlightState.Stream s : holders) {
            held.append(held.isEmpty() ? "" : ", ").append(s.name).append(" (").append(s.reserved).append(" bytes)");
        }
        List<ResourceRef> refs = new ArrayList<>();
        refs.add(ResourceRef.of("budget", "drain"));
        blockedStreams.forEach(n -> refs.add(ResourceRef.of("stream", n)));
        holders.forEach(s -> refs.add(ResourceRef.of("stream", s.name)));
        String explanation = "The drain buffers hold " + state.totalReserved + " of a " + state.budget + "-byte budget, held by "
                + held + "; " + String.join(", ", blockedStreams) + " had to wait for budget. "
                + (awaitedBlocked ? "The consumer waits on " + awaited.name + ", which is itself blocked on the budget: the "
                + "budget is full of batches from streams the consumer reads later, so the shuffle cannot go on and fails "
                + "with a clear error instead of running out of memory."
                : "This is back-pressure at the budget: the drain tasks slow down instead of growing memory.");
        String fix = awaitedBlocked
                ? "Give the shuffle a budget larger than the skew between streams (flight.budget), consume batches in arrival "
                + "order (flight.order=arrival) so any buffered batch frees budget, or spill buffered batches to disk."
                : "Raise flight.budget if memory allows, or speed up the consumer; no data is lost.";
        Finding f = new Finding("BUFFER_BUDGET_EXCEEDED/drain", FindingCode.BUFFER_BUDGET_EXCEEDED,
                awaitedBlocked ? Severity.ERROR : FindingCode.BUFFER_BUDGET_EXCEEDED.severity(), firstBlocked, Finding.OPEN,
                refs, "Drain budget of " + state.budget + " bytes exhausted; blocked: " + String.join(", ", blockedStreams)
                + (awaitedBlocked ? " (including the stream the consumer waits on)" : ""), explanation, fix)
                // blocked on the awaited stream, arrival order frees the budget; otherwise no value is known to suffice
                .withSettingFix(awaitedBlocked ? Fixes.ARRIVAL_ORDER : null);
        reported = f;
        findings.report(f);
    }

    @Override
    public void onEnd(long endNanos, FindingSink findings) {
        if (reported != null) {
            findings.report(reported.endedAt(endNanos));
        }
    }
}
