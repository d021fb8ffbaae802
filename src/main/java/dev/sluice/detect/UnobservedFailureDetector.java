package dev.sluice.detect;

import dev.sluice.event.DeltaEvent.ExecutorShutdown;
import dev.sluice.event.DeltaEvent.TaskFinished;
import dev.sluice.event.DeltaEvent.TaskObserved;
import dev.sluice.event.DeltaEvent.TaskOutcome;
import dev.sluice.event.DeltaEvent.TaskSubmitted;
import dev.sluice.event.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code UNOBSERVED_FAILURE}: a task failed and nobody ever read its future ({@code get},
 * {@code join} or a callback) before its executor shut down or the run ended — the failure, and
 * the rows it did not write, vanished.
 */
public final class UnobservedFailureDetector implements Detector {

    private record Failed(String pool, String task, String writer, TaskFinished finished, long time) { }

    private final Map<String, String> writerOf = new LinkedHashMap<>();
    private final Map<String, Failed> failed = new LinkedHashMap<>();

    @Override
    public Consumes consumes() {
        return Consumes.kinds(TaskSubmitted.class, TaskFinished.class, TaskObserved.class, ExecutorShutdown.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (event.body() instanceof TaskSubmitted s) {
            writerOf.put(s.pool() + "/" + s.task(), DeltaConflicts.text(s.writer()));
        } else if (event.body() instanceof TaskFinished f && f.outcome() == TaskOutcome.FAILED) {
            String key = f.pool() + "/" + f.task();
            failed.put(key, new Failed(f.pool(), f.task(), writerOf.getOrDefault(key, ""), f, event.timeNanos()));
        } else if (event.body() instanceof TaskObserved o) {
            failed.remove(o.pool() + "/" + o.task());
        } else if (event.body() instanceof ExecutorShutdown s) {
            failed.values().removeIf(f -> {
                if (!f.pool().equals(s.pool())) {
                    return false;
                }
                report(f, event.timeNanos(), "its executor " + s.pool() + " shut down (" + s.submitted()
                        + " tasks submitted, " + s.failed() + " failed, " + s.observed() + " observed)", findings);
                return true;
            });
        }
    }

    @Override
    public void onEnd(long endNanos, FindingSink findings) {
        for (Failed f : failed.values()) {
            report(f, endNanos, "the run ended", findings);
        }
        failed.clear();
    }

    private static void report(Failed f, long when, String until, FindingSink findings) {
        String exception = DeltaConflicts.simpleName(f.finished().exception());
        findings.report(new Finding("UNOBSERVED_FAILURE/" + f.pool() + "/" + f.task(), FindingCode.UNOBSERVED_FAILURE,
                FindingCode.UNOBSERVED_FAILURE.severity(), f.time(), when,
                List.of(ResourceRef.of("task", f.task()), ResourceRef.of("writer", f.writer()),
                        ResourceRef.of("executor", f.pool())),
                "task " + f.task() + " failed with " + exception + " and nobody read its future",
                "Task " + f.task() + (f.writer().isEmpty() ? "" : " of " + f.writer()) + " failed with "
                        + f.finished().exception() + " (" + f.finished().message() + "), and no get(), join() or "
                        + "callback looked at its future before " + until + ". The exception is gone and so is "
                        + "whatever the task had still to write; the job carries on as if it had succeeded.",
                "Keep every future and read it (get/join, or invokeAll and check each), or attach a callback that "
                        + "records the failure; fail the job, or retry the work, when one fails."));
    }
}
