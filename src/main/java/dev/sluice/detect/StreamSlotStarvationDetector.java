package dev.sluice.detect;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code STREAM_SLOT_STARVATION}: the consumer waits on a stream that never reached the connection
 * because the server's MAX_CONCURRENT_STREAMS (e.g. {@code maxConcurrentCallsPerConnection}) is
 * used up by streams nobody reads, so they never finish and never free their slots. Needs
 * {@link FlowControlStallDetector#IDLE_NANOS} without any batch moving.
 */
public final class StreamSlotStarvationDetector implements Detector {

    private final FlightState state;
    /** False inside {@link FlightStallRules}, which applies each event to the state the rules share. */
    private final boolean ownsState;
    private Finding open;
    private String openStream;

    public StreamSlotStarvationDetector() {
        this(new FlightState(), true);
    }

    StreamSlotStarvationDetector(FlightState state, boolean ownsState) {
        this.state = state;
        this.ownsState = ownsState;
    }

    @Override
    public void onRun(RunInfo run) {
        if (ownsState) {
            state.onRun(run);
        }
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
        if (state.wire) {
            onWireEvent(event, findings);
            return;
        }
        if (open != null) {
            FlightState.Stream s = state.streams.get(openStream);
            if (s == null || s.done || s.active || state.lastProgress > open.startNanos()) {
                open = open.endedAt(event.timeNanos());
                findings.report(open);
                open = null;
            }
            return;
        }
        FlightState.Stream awaited = state.awaited();
        if (awaited == null || awaited.active || state.idleNanos() < FlowControlStallDetector.IDLE_NANOS) {
            return;
        }
        List<FlightState.Stream> slotHolders = new ArrayList<>();
        List<FlightState.Stream> pending = new ArrayList<>();
        for (FlightState.Stream s : state.streams.values()) {
            if (!s.done && Objects.equals(s.connection, awaited.connection)) {
                (s.active ? slotHolders : pending).add(s);
            }
        }
        if (slotHolders.isEmpty()) {
            return; // nothing holds a slot: the stream is merely slow to start
        }
        // read, never added: the state may be shared with the other Flight rules (FlightStallRules)
        FlightState.Conn c = state.conns.get(awaited.connection);
        if (c == null) {
            c = new FlightState.Conn(awaited.connection);
        }
        long idleFrom = Math.max(state.lastProgress, state.waitingSince);
        List<ResourceRef> refs = new ArrayList<>();
        refs.add(ResourceRef.of("connection", c.name));
        pending.forEach(s -> refs.add(ResourceRef.of("stream", s.name)));
        slotHolders.forEach(s -> refs.add(ResourceRef.of("stream", s.name)));
        String limit = c.maxConcurrentStreams > 0 ? String.valueOf(c.maxConcurrentStreams) : String.valueOf(slotHolders.size());
        String explanation = "The server on " + c.name + " (" + c.endpoint + ") allows " + limit + " concurrent streams per "
                + "connection. They are held by " + FlightState.list(slotHolders, false) + ", while "
                + FlightState.list(pending, false) + " wait in the client's pending queue and never reach the connection. "
                + "The consumer waits on " + awaited.name + ", one of the pending streams, so nobody reads the streams "
                + "holding the slots: they fill their windows, never finish and never free a slot. Nothing has moved for "
                + (state.now - idleFrom) / 1_000_000 + " ms.";
        String fix = "Only wait on streams that are running: read every open stream concurrently (flight.strategy=drain), "
                + "or open no more streams per connection than the server's limit and open the next one only when one "
                + "finishes; or raise the server's maxConcurrentCallsPerConnection above the shuffle's fan-in.";
        open = Finding.of("STREAM_SLOT_STARVATION/" + c.name, FindingCode.STREAM_SLOT_STARVATION, idleFrom, refs,
                "Stream slot starvation on " + c.name + ": consumer waits on pending " + awaited.name + ", slots held by "
                        + FlightState.list(slotHolders, false), explanation, fix);
        openStream = awaited.name;
        findings.report(open);
    }

    /**
     * A capture shows no pending streams (the client never sent them), so the wire form claims what
     * the frames prove: every slot the server's MAX_CONCURRENT_STREAMS allows is held by a stream at
     * window zero whose bytes the receiver never returned window for, and nothing moved for
     * {@link FlowControlStallDetector#IDLE_NANOS}: the client cannot open another stream there.
     */
    private void onWireEvent(Event event, FindingSink findings) {
        if (open != null) {
            FlightState.Conn c = state.conns.get(openStream);
            if (state.lastProgress > open.startNanos() || c == null || held(c).size() < c.maxConcurrentStreams) {
                findings.report(open.endedAt(event.timeNanos()));
                open = null;
            }
            return;
        }
        for (FlightState.Conn c : state.conns.values()) {
            long idleFrom = state.lastProgress;
            List<FlightState.Stream> held = held(c);
            if (c.maxConcurrentStreams <= 0 || held.size() < c.maxConcurrentStreams
                    || c.lastSample - idleFrom < FlowControlStallDetector.IDLE_NANOS) {
                continue;
            }
            List<ResourceRef> refs = new ArrayList<>();
            refs.add(ResourceRef.of("connection", c.name));
            held.forEach(s -> refs.add(ResourceRef.of("stream", s.name)));
            String explanation = "The server on " + c.name + " (" + c.endpoint + ") allows " + c.maxConcurrentStreams
                    + " concurrent streams (its SETTINGS_MAX_CONCURRENT_STREAMS). The capture shows all of them held by "
                    + FlightState.list(held, true) + ", at window zero with bytes the receiver never returned window for, "
                    + "and nothing moved for " + (state.now - idleFrom) / 1_000_000 + " ms: the client cannot open another "
                    + "stream on this connection until it reads one of them. The wire cannot show streams the client "
                    + "queued and never opened: if its consumer waits on one of those, this is slot starvation.";
            String fix = "Only wait on streams that are running: read every open stream concurrently (flight.strategy=drain), "
                    + "or open no more streams per connection than the server's limit; or raise the server's limit "
                    + "(maxConcurrentCallsPerConnection) above the fan-in.";
            open = Finding.of("STREAM_SLOT_STARVATION/" + c.name, FindingCode.STREAM_SLOT_STARVATION, idleFrom, refs,
                    "Stream slots full on " + c.name + ": all " + c.maxConcurrentStreams + " held by unread "
                            + FlightState.list(held, false), explanation, fix);
            openStream = c.name;
            findings.report(open);
            return;
        }
    }

    /** Open streams of {@code c} at window zero holding bytes the receiver did not return window for. */
    private List<FlightState.Stream> held(FlightState.Conn c) {
        List<FlightState.Stream> held = new ArrayList<>();
        for (FlightState.Stream s : state.streams.values()) {
            if (!s.done && s.active && s.connection.equals(c.name) && s.unconsumed > 0
                    && FlightState.nearZero(s.receiveWindow, c.receiveInitial)) {
                held.add(s);
            }
        }
        return held;
    }

    @Override
    public void onEnd(long endNanos, FindingSink findings) {
        if (open != null) {
            findings.report(open.endedAt(endNanos));
            open = null;
        }
    }
}
