package dev.sluice.model.delta;

import dev.sluice.event.DeltaEvent.TaskOutcome;
import dev.sluice.event.DeltaEvent;
import dev.sluice.event.Engine;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.model.AppendLog;
import dev.sluice.model.EngineModel;
import dev.sluice.model.PackedEntities;
import dev.sluice.model.PackedLog;
import dev.sluice.model.Mark;
import dev.sluice.model.Timespan;

/** The Delta slice of the model: every writer's commit attempts and the verify results. */
public final class DeltaModel implements EngineModel {

    private final PackedEntities<CommitAttempt> openAttempts = new PackedEntities<>(new AttemptCodec(), AttemptCodec.ATTEMPT);
    private final PackedLog<CommitAttempt> attempts = new PackedLog<>(new AttemptCodec());
    private final AppendLog<VerifyResult> verifies = new AppendLog<>();

    @Override
    public Engine engine() {
        return Engine.DELTA;
    }

    @Override
    public void fold(Event e, AppendLog<Mark> marks) {
        // only this engine's events come here: the kinds are final records, cheap to test, unlike the family interface
        fold(e, e.body(), marks);
    }

    @Override
    public DeltaPart freeze() {
        return new DeltaPart(attempts.freeze(), openAttempts.freeze(), verifies.freeze());
    }

    private void fold(Event e, EventBody body, AppendLog<Mark> marks) {
        long t = e.timeNanos();
        if (body instanceof DeltaEvent.CommitAttempted a) {
            openAttempts.put(a.attempt(), new CommitAttempt(a.writer(), a.table(), a.attempt(), a.operation().id(),
                    a.retry(), a.readVersion(), -1, t, Timespan.OPEN, CommitAttempt.Outcome.OPEN, null, null, -1, null, 0));
        } else if (body instanceof DeltaEvent.CommitSucceeded s) {
            CommitAttempt a = openAttempts.remove(s.attempt());
            if (a == null) {
                a = unseenAttempt(s.writer(), s.table(), s.attempt(), s.retry(), s.readVersion(), t);
            }
            attempts.add(a.succeeded(t, s.version(), s.rows()));
        } else if (body instanceof DeltaEvent.CommitFailed f) {
            CommitAttempt a = openAttempts.remove(f.attempt());
            if (a == null) {
                a = unseenAttempt(f.writer(), f.table(), f.attempt(), f.retry(), f.readVersion(), t);
            }
            attempts.add(a.failed(t, f.attemptedVersion(), f.exception(), f.message(), f.winningVersion(),
                    f.winningWriter()));
        } else if (body instanceof DeltaEvent.VerifyCompleted v) {
            verifies.add(new VerifyResult(t, v.table(), v.tableVersion(), v.acknowledgedRows(), v.foundRows(),
                    v.missingRows(), v.duplicatedRows(), v.unexplainedRows(), v.outcome()));
        } else if (body instanceof DeltaEvent.RowsMissing r) {
            marks.add(new Mark(t, Engine.DELTA, Mark.Kind.ROWS_MISSING, r.writer(), r.rows() + " rows of " + r.writer()
                    + " missing (" + r.fromSeq() + ".." + r.toSeq() + "): " + (r.reason() == null ? "" : r.reason().id())));
        } else if (body instanceof DeltaEvent.TaskFinished f && f.outcome() != TaskOutcome.OK) {
            marks.add(new Mark(t, Engine.DELTA, Mark.Kind.TASK_FAILED, f.task(), f.task() + " failed: " + f.exception()));
        }
    }

    /** An outcome whose attempt was not seen (dropped, or the trace starts mid-run). */
    private static CommitAttempt unseenAttempt(String writer, String table, String id, int retry, long read, long t) {
        return new CommitAttempt(writer, table, id, "?", retry, read, -1, t, Timespan.OPEN, CommitAttempt.Outcome.OPEN,
                null, null, -1, null, 0);
    }
}
