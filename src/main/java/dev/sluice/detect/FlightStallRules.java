package dev.sluice.detect;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;

/**
 * The three Flight stall rules ({@link FlowControlStallDetector}, {@link StreamSlotStarvationDetector},
 * {@link BufferBudgetExceededDetector}) over one {@link FlightState}: each read every event into a state
 * of its own, the same state three times over (three map look-ups per window sample, the bulk of a
 * Flight trace). Here each event is applied once, then each rule runs in the suite's former order, so
 * the findings and their order are the same as the three detectors' side by side. Each rule stays a
 * detector of its own for tests and the benchmark's per-detector figures.
 */
public final class FlightStallRules implements Detector {

    private final FlightState state = new FlightState();
    private final FlowControlStallDetector flowControl = new FlowControlStallDetector(state, false);
    private final StreamSlotStarvationDetector slots = new StreamSlotStarvationDetector(state, false);
    private final BufferBudgetExceededDetector budget = new BufferBudgetExceededDetector(state, false);
    /** The rule running now, so a failure names it rather than this bundle ({@link DetectorFailure}). */
    private Detector running;

    @Override
    public void onRun(RunInfo run) {
        state.onRun(run);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        running = this;
        state.apply(event);
        running = flowControl;
        flowControl.afterApply(event, findings);
        running = slots;
        slots.afterApply(event, findings);
        running = budget;
        budget.afterApply(event, findings);
        running = null;
    }

    @Override
    public void onEnd(long endNanos, StreamEnd how, FindingSink findings) {
        running = flowControl;
        flowControl.onEnd(endNanos, how, findings);
        running = slots;
        slots.onEnd(endNanos, how, findings);
        running = budget;
        budget.onEnd(endNanos, how, findings);
        running = null;
    }

    /** The rule that was running when this bundle threw (itself while it applied the event), else itself. */
    Detector running() {
        return running == null ? this : running;
    }
}
