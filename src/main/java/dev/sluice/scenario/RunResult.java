package dev.sluice.scenario;

import dev.sluice.detect.Finding;
import dev.sluice.event.RunInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a run went.
 *
 * @param outcome {@code completed}, {@code failed} or {@code stopped}
 * @param error   why it failed (null otherwise)
 * @param trace   the recording, or null when not recording
 */
public record RunResult(RunInfo run, String outcome, Throwable error, List<Finding> findings, long events,
                        Map<String, Long> droppedByKind, Path trace, List<Throwable> sinkFailures) {

    public boolean completed() {
        return "completed".equals(outcome);
    }
}
