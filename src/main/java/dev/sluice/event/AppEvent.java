package dev.sluice.event;

/** Events of Sluice itself: run lifecycle, heartbeat, pipeline health, and the synthetic demo. */
public sealed interface AppEvent extends EventBody permits AppEvent.RunStarted, AppEvent.RunEnded,
        AppEvent.Heartbeat, AppEvent.EventsDropped, AppEvent.ScenarioFailed, AppEvent.Note {

    @Override
    default Engine engine() {
        return Engine.APP;
    }

    /** A scenario began (first event of every run). */
    record RunStarted(String scenario, String sluiceVersion) implements AppEvent { }

    /** A run ended; {@code outcome} is {@code completed}, {@code failed} or {@code stopped}. */
    record RunEnded(String scenario, RunOutcome outcome) implements AppEvent { }

    /**
     * Emitted by the pipeline every 100 ms of a live run so that time advances for detectors even
     * when the engines are silent (a hang emits nothing); recorded, so replay sees the same ticks.
     */
    record Heartbeat(long eventsSoFar) implements AppEvent { }

    /** The pipeline's buffer was full and {@code count} events of {@code droppedKind} were lost. */
    record EventsDropped(String droppedKind, long count, long totalDropped) implements AppEvent { }

    /** A scenario could not start or died: what and where, for the status bar and the findings. */
    record ScenarioFailed(String scenario, String stage, String error, String message) implements AppEvent { }

    /** A free-form marker (phase changes, operator notes). */
    record Note(String text) implements AppEvent { }

    /** How a run ended. */
    enum RunOutcome implements EventEnum { COMPLETED, FAILED, STOPPED }
}
