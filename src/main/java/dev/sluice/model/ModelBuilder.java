package dev.sluice.model;

import dev.sluice.detect.Finding;
import dev.sluice.event.AppEvent;
import dev.sluice.event.DeltaEvent;
import dev.sluice.event.DeltaEvent.TaskOutcome;
import dev.sluice.event.Engine;
import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.RunInfo;
import dev.sluice.event.S3Event;
import dev.sluice.event.S3Event.ThreadRole;
import java.util.List;

/**
 * Folds events into the console's state. Single-threaded (the pipeline's dispatcher, or the replay
 * loader): a {@link ThreadGuard} fails any call from a second thread. {@link #snapshot} freezes the
 * state so far; the append-only parts are shared with the snapshot, not copied.
 */
public final class ModelBuilder {

    private final ThreadGuard guard = new ThreadGuard("the model builder");
    private final TimeIndex times = new TimeIndex();
    private final ActivityHistogram activity = new ActivityHistogram();
    private final Entities<ClientBar> clients = new Entities<>();
    private final Entities<ThreadLane> threads = new Entities<>();
    private final Entities<RequestSpan> inFlight = new Entities<>();
    private final AppendLog<RequestSpan> requests = new AppendLog<>();
    private final Entities<ConnectionInfo> connections = new Entities<>();
    private final Entities<StreamInfo> streams = new Entities<>();
    private final AppendLog<WindowSample> windows = new AppendLog<>();
    private final Entities<CommitAttempt> openAttempts = new Entities<>();
    private final AppendLog<CommitAttempt> attempts = new AppendLog<>();
    private final AppendLog<VerifyResult> verifies = new AppendLog<>();
    private final AppendLog<Mark> marks = new AppendLog<>();
    private RunInfo run;
    private long dropped;

    public void open(RunInfo info) {
        guard.check();
        this.run = info;
    }

    public void fold(Event e) {
        guard.check();
        times.add(e.timeNanos());
        activity.add(e.engine(), e.timeNanos());
        if (e.body() instanceof S3Event s3) {
            foldS3(e, s3);
        } else if (e.body() instanceof FlightEvent flight) {
            foldFlight(e, flight);
        } else if (e.body() instanceof DeltaEvent delta) {
            foldDelta(e, delta);
        } else if (e.body() instanceof AppEvent app) {
            foldApp(e, app);
        }
    }

    /** Freezes the state so far together with {@code findings} (already ordered). */
    public ModelSnapshot snapshot(List<Finding> findings, boolean complete, String warning) {
        return snapshot(findings, complete, warning, null);
    }

    /** {@link #snapshot(List, boolean, String)} of a stream whose analysis failed ({@code analysisFailure} not null). */
    public ModelSnapshot snapshot(List<Finding> findings, boolean complete, String warning, String analysisFailure) {
        guard.check();
        return new ModelSnapshot(run, complete, warning, dropped, new ModelSnapshot.Times(times.freeze()),
                activity.freeze(), clients.freeze(), threads.freeze(), requests.freeze(), inFlight.freeze(),
                connections.freeze(), streams.freeze(), windows.freeze(), attempts.freeze(), openAttempts.freeze(),
                verifies.freeze(), marks.freeze(), List.copyOf(findings), analysisFailure);
    }

    public int eventCount() {
        return times.size();
    }

    private void foldS3(Event e, S3Event body) {
        long t = e.timeNanos();
        if (body instanceof S3Event.ClientCreated c) {
            lane(e, ThreadRole.CALLER, c.client());
            clients.put(c.client(), new ClientBar(c.client(), c.clientKind(), c.lifecycle(), e.thread(), t,
                    ClientBar.OPEN, null, 0));
        } else if (body instanceof S3Event.ClientClosed c) {
            clients.update(c.client(), bar -> bar.closed(t, e.thread(), c.inFlight()));
        } else if (body instanceof S3Event.RequestStarted r) {
            lane(e, ThreadRole.CALLER, r.client());
            inFlight.put(r.request(), new RequestSpan(r.client(), r.request(), r.operation(), e.thread(), t,
                    null, ClientBar.OPEN, null, ClientBar.OPEN, null));
        } else if (body instanceof S3Event.RequestIo r) {
            lane(e, ThreadRole.EVENT_LOOP, r.client());
            inFlight.update(r.request(), span -> span.io(e.thread(), t));
        } else if (body instanceof S3Event.RequestCompleted r) {
            lane(e, ThreadRole.COMPLETION, r.client());
            RequestSpan span = inFlight.remove(r.request());
            if (span != null) {
                requests.add(span.completed(e.thread(), t, r.outcome()));
            }
        } else if (body instanceof S3Event.ThreadSeen s) {
            ThreadLane old = threads.get(s.threadName());
            threads.put(s.threadName(), new ThreadLane(s.threadName(), s.role(), s.client(),
                    old == null ? t : old.firstSeenNanos(), ClientBar.OPEN));
        } else if (body instanceof S3Event.ThreadEnded s) {
            threads.update(s.threadName(), lane -> lane.ended(t));
        } else if (body instanceof S3Event.ThreadBlocked b) {
            marks.add(new Mark(t, Engine.S3, Mark.Kind.BLOCKED, b.threadName(), b.threadName() + " blocked in " + b.blockedIn()));
        }
    }

    /** The issuing, event-loop or completion thread of an S3 event gets a lane the first time it is seen. */
    private void lane(Event e, ThreadRole role, String client) {
        if (threads.get(e.thread()) == null) {
            threads.put(e.thread(), new ThreadLane(e.thread(), role, client, e.timeNanos(), ClientBar.OPEN));
        }
    }

    private void foldFlight(Event e, FlightEvent body) {
        long t = e.timeNanos();
        if (body instanceof FlightEvent.ConnectionWindowSampled w) {
            windows.add(new WindowSample(t, w.connection(), "", w.receiveWindow(), w.receiveInitial(),
                    w.receiveUnconsumed(), w.sendWindow(), w.activeStreams(), w.pendingStreams()));
        } else if (body instanceof FlightEvent.StreamWindowSampled w) {
            windows.add(new WindowSample(t, w.connection(), w.stream(), w.receiveWindow(), 0, w.receiveUnconsumed(),
                    w.sendWindow(), 0, 0));
        } else if (body instanceof FlightEvent.ConnectionOpened c) {
            connections.put(c.connection(), new ConnectionInfo(c.connection(), c.endpoint(), c.initialWindow(),
                    c.maxConcurrentStreams(), t, ClientBar.OPEN, null));
        } else if (body instanceof FlightEvent.ConnectionClosed c) {
            connections.update(c.connection(), info -> info.closed(t, c.reason()));
        } else if (body instanceof FlightEvent.StreamOpened s) {
            streams.put(s.stream(), new StreamInfo(s.connection(), s.stream(), s.ticket(), t, ClientBar.OPEN,
                    ClientBar.OPEN, null, 0));
        } else if (body instanceof FlightEvent.StreamActive s) {
            streams.update(s.stream(), info -> info.active(t));
        } else if (body instanceof FlightEvent.StreamCompleted s) {
            streams.update(s.stream(), info -> info.completed(t, s.outcome(), s.rows()));
        } else if (body instanceof FlightEvent.ConsumerWaiting w) {
            marks.add(new Mark(t, Engine.FLIGHT, Mark.Kind.WAITING, w.stream(),
                    w.stream().isEmpty() ? w.consumer() + " waits on no stream" : w.consumer() + " waits on " + w.stream()));
        }
    }

    private void foldDelta(Event e, DeltaEvent body) {
        long t = e.timeNanos();
        if (body instanceof DeltaEvent.CommitAttempted a) {
            openAttempts.put(a.attempt(), new CommitAttempt(a.writer(), a.table(), a.attempt(), a.operation().id(),
                    a.retry(), a.readVersion(), -1, t, ClientBar.OPEN, CommitAttempt.Outcome.OPEN, null, null, -1, null, 0));
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
        return new CommitAttempt(writer, table, id, "?", retry, read, -1, t, ClientBar.OPEN, CommitAttempt.Outcome.OPEN,
                null, null, -1, null, 0);
    }

    private void foldApp(Event e, AppEvent body) {
        long t = e.timeNanos();
        if (body instanceof AppEvent.RunStarted r) {
            marks.add(new Mark(t, Engine.APP, Mark.Kind.RUN, r.scenario(), "run of " + r.scenario() + " started"));
        } else if (body instanceof AppEvent.RunEnded r) {
            marks.add(new Mark(t, Engine.APP, Mark.Kind.RUN, r.scenario(), "run " + r.outcome().id()));
        } else if (body instanceof AppEvent.Note n) {
            marks.add(new Mark(t, Engine.APP, Mark.Kind.NOTE, "", n.text()));
        } else if (body instanceof AppEvent.ScenarioFailed f) {
            marks.add(new Mark(t, Engine.APP, Mark.Kind.FAILED, f.scenario(),
                    f.scenario() + " failed during " + f.stage() + ": " + f.message()));
        } else if (body instanceof AppEvent.EventsDropped d) {
            dropped += d.count();
        }
    }
}
