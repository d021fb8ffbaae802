package dev.sluice.detect;

import dev.sluice.event.Event;
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

    private final FlightState state = new FlightState();
    private Finding open;
    private String openStream;

    @Override
    public void onEvent(Event event, FindingSink findings) {
        state.apply(event);
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
        FlightState.Conn c = state.conn(awaited.connection);
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

    @Override
    public void onEnd(long endNanos, FindingSink findings) {
        if (open != null) {
            findings.report(open.endedAt(endNanos));
            open = null;
        }
    }
}
