package dev.sluice.model.s3;

import dev.sluice.event.Engine;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.S3Event.ThreadRole;
import dev.sluice.event.S3Event;
import dev.sluice.model.AppendLog;
import dev.sluice.model.EngineModel;
import dev.sluice.model.Entities;
import dev.sluice.model.Mark;
import dev.sluice.model.PackedEntities;
import dev.sluice.model.PackedLog;
import dev.sluice.model.Timespan;

/** The S3 slice of the model: clients, the threads that touch them, and every request's path. */
public final class S3Model implements EngineModel {

    private final Entities<ClientBar> clients = new Entities<>();
    private final Entities<ThreadLane> threads = new Entities<>();
    private final PackedEntities<RequestSpan> inFlight = new PackedEntities<>(new RequestCodec(), RequestCodec.REQUEST);
    private final PackedLog<RequestSpan> requests = new PackedLog<>(new RequestCodec());

    @Override
    public Engine engine() {
        return Engine.S3;
    }

    @Override
    public void fold(Event e, AppendLog<Mark> marks) {
        // only this engine's events come here: the kinds are final records, cheap to test, unlike the family interface
        fold(e, e.body(), marks);
    }

    @Override
    public S3Part freeze() {
        return new S3Part(clients.freeze(), threads.freeze(), requests.freeze(), inFlight.freeze());
    }

    private void fold(Event e, EventBody body, AppendLog<Mark> marks) {
        long t = e.timeNanos();
        if (body instanceof S3Event.ClientCreated c) {
            lane(e, ThreadRole.CALLER, c.client());
            clients.put(c.client(), new ClientBar(c.client(), c.clientKind(), c.lifecycle(), e.thread(), t,
                    Timespan.OPEN, null, 0));
        } else if (body instanceof S3Event.ClientClosed c) {
            clients.update(c.client(), bar -> bar.closed(t, e.thread(), c.inFlight()));
        } else if (body instanceof S3Event.RequestStarted r) {
            lane(e, ThreadRole.CALLER, r.client());
            inFlight.put(r.request(), new RequestSpan(r.client(), r.request(), r.operation(), e.thread(), t,
                    null, Timespan.OPEN, null, Timespan.OPEN, null));
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
                    old == null ? t : old.firstSeenNanos(), Timespan.OPEN));
        } else if (body instanceof S3Event.ThreadEnded s) {
            threads.update(s.threadName(), lane -> lane.ended(t));
        } else if (body instanceof S3Event.ThreadBlocked b) {
            marks.add(new Mark(t, Engine.S3, Mark.Kind.BLOCKED, b.threadName(), b.threadName() + " blocked in " + b.blockedIn()));
        }
    }

    /** The issuing, event-loop or completion thread of an S3 event gets a lane the first time it is seen. */
    private void lane(Event e, ThreadRole role, String client) {
        if (threads.get(e.thread()) == null) {
            threads.put(e.thread(), new ThreadLane(e.thread(), role, client, e.timeNanos(), Timespan.OPEN));
        }
    }
}
