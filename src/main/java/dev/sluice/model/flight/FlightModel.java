package dev.sluice.model.flight;

import dev.sluice.event.Engine;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.FlightEvent;
import dev.sluice.model.AppendLog;
import dev.sluice.model.EngineModel;
import dev.sluice.model.Entities;
import dev.sluice.model.Mark;
import dev.sluice.model.PackedLog;
import dev.sluice.model.Timespan;

/** The Flight slice of the model: connections, streams and their HTTP/2 window samples. */
public final class FlightModel implements EngineModel {

    private final Entities<ConnectionInfo> connections = new Entities<>();
    private final Entities<StreamInfo> streams = new Entities<>();
    private final PackedLog<WindowSample> windows = new PackedLog<>(new WindowCodec());
    // a sample's fields, encoded straight from its event: no WindowSample per event (the fold's largest allocation)
    private final long[] sampleLongs = new long[WindowCodec.LONGS];
    private final String[] sampleStrings = new String[WindowCodec.STRINGS];

    @Override
    public Engine engine() {
        return Engine.FLIGHT;
    }

    @Override
    public void fold(Event e, AppendLog<Mark> marks) {
        // only this engine's events come here: the kinds are final records, cheap to test, unlike the family interface
        fold(e, e.body(), marks);
    }

    @Override
    public FlightPart freeze() {
        return new FlightPart(connections.freeze(), streams.freeze(), windows.freeze());
    }

    private void fold(Event e, EventBody body, AppendLog<Mark> marks) {
        long t = e.timeNanos();
        if (body instanceof FlightEvent.ConnectionWindowSampled w) {
            WindowCodec.encode(t, w.connection(), "", w.receiveWindow(), w.receiveInitial(), w.receiveUnconsumed(),
                    w.sendWindow(), w.activeStreams(), w.pendingStreams(), sampleLongs, sampleStrings);
            windows.addEncoded(sampleLongs, sampleStrings);
        } else if (body instanceof FlightEvent.StreamWindowSampled w) {
            WindowCodec.encode(t, w.connection(), w.stream(), w.receiveWindow(), 0, w.receiveUnconsumed(), w.sendWindow(),
                    0, 0, sampleLongs, sampleStrings);
            windows.addEncoded(sampleLongs, sampleStrings);
        } else if (body instanceof FlightEvent.ConnectionOpened c) {
            connections.put(c.connection(), new ConnectionInfo(c.connection(), c.endpoint(), c.initialWindow(),
                    c.maxConcurrentStreams(), t, Timespan.OPEN, null));
        } else if (body instanceof FlightEvent.ConnectionClosed c) {
            connections.update(c.connection(), info -> info.closed(t, c.reason()));
        } else if (body instanceof FlightEvent.StreamOpened s) {
            streams.put(s.stream(), new StreamInfo(s.connection(), s.stream(), s.ticket(), t, Timespan.OPEN,
                    Timespan.OPEN, null, 0));
        } else if (body instanceof FlightEvent.StreamActive s) {
            streams.update(s.stream(), info -> info.active(t));
        } else if (body instanceof FlightEvent.StreamCompleted s) {
            streams.update(s.stream(), info -> info.completed(t, s.outcome(), s.rows()));
        } else if (body instanceof FlightEvent.ConsumerWaiting w) {
            marks.add(new Mark(t, Engine.FLIGHT, Mark.Kind.WAITING, w.stream(),
                    w.stream().isEmpty() ? w.consumer() + " waits on no stream" : w.consumer() + " waits on " + w.stream()));
        }
    }
}
