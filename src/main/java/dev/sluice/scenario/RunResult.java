package dev.sluice.scenario;

import dev.sluice.detect.FailureTally;
import dev.sluice.detect.Finding;
import dev.sluice.event.AppEvent.RunOutcome;
import dev.sluice.event.RunInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a run went.
 *
 * @param outcome      {@code completed}, {@code failed} or {@code stopped}
 * @param error        why it failed (null otherwise)
 * @param trace        the recording, or null when not recording
 * @param sinkFailures failures of the pipeline's sinks; a detector's failure is among them, and then
 *                     {@code findings} is incomplete (the analysis failed)
 * @param tally        how much of the work failed (objects, streams, commits), counted from the events
 * @param recordingFailed the trace writer failed: the recording is incomplete
 */
public record RunResult(RunInfo run, RunOutcome outcome, Throwable error, List<Finding> findings, long events,
                        Map<String, Long> droppedByKind, Path trace, List<Throwable> sinkFailures,
                        FailureTally.Summary tally, boolean recordingFailed) {

    public RunResult {
        tally = tally == null ? FailureTally.Summary.NONE : tally;
    }

    public RunResult(RunInfo run, RunOutcome outcome, Throwable error, List<Finding> findings, long events,
                     Map<String, Long> droppedByKind, Path trace, List<Throwable> sinkFailures,
                     FailureTally.Summary tally) {
        this(run, outcome, error, findings, events, droppedByKind, trace, sinkFailures, tally, false);
    }

    public RunResult(RunInfo run, RunOutcome outcome, Throwable error, List<Finding> findings, long events,
                     Map<String, Long> droppedByKind, Path trace, List<Throwable> sinkFailures) {
        this(run, outcome, error, findings, events, droppedByKind, trace, sinkFailures, FailureTally.Summary.NONE);
    }

    public boolean completed() {
        return outcome == RunOutcome.COMPLETED;
    }

    /** Whether the findings are the whole analysis: no sink (detectors, trace writer, model) failed. */
    public boolean analysisComplete() {
        return sinkFailures.isEmpty();
    }
}
