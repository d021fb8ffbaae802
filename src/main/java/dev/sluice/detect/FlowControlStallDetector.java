package dev.sluice.detect;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code FLOW_CONTROL_STALL}: the consumer waits on a stream that cannot receive, because bytes
 * nobody reads on the connection's other streams hold the HTTP/2 window (datafusion-distributed
 * #228). Two forms:
 * <ul>
 *   <li>the connection's receive window sits at (or near) zero while other streams hold unconsumed
 *       bytes (h2/tonic-style receivers and proxies return connection window only on consumption);</li>
 *   <li>stock gRPC-java, whose connection window never reaches zero: the awaited stream is idle
 *       while other streams of its connection sit at window zero with unread bytes.</li>
 * </ul>
 * Robust to load: it needs {@link #IDLE_NANOS} without any batch moving (anywhere) and without the
 * awaited stream getting bytes, and window samples taken after that, spanning
 * {@link #CONFIRM_NANOS}, that still show the condition — so a starved sampler or a slow start-up
 * proves nothing. A stream blocked on the drain budget or waiting for a slot is another finding.
 */
public final class FlowControlStallDetector implements Detector {

    static final long IDLE_NANOS = 1_000_000_000L;
    static final long CONFIRM_NANOS = 500_000_000L;

    private final FlightState state;
    /** False inside {@link FlightStallRules}, which applies each event to the state the rules share. */
    private final boolean ownsState;
    private Finding open;
    private String openStream;
    /** Wire form: the connection whose window is at zero, and since when. */
    private FlightState.Conn openConn;
    private long openZeroSince;

    public FlowControlStallDetector() {
        this(new FlightState(), true);
    }

    FlowControlStallDetector(FlightState state, boolean ownsState) {
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
            boolean resumed = state.lastProgress > open.startNanos();
            if (s == null || s.done || resumed) {
                open = open.endedAt(event.timeNanos());
                findings.report(open);
                open = null;
                openStream = null;
            }
            return;
        }
        // heartbeats matter too: they advance time while a stalled shuffle emits only samples
        check(findings);
    }

    private void check(FindingSink findings) {
        FlightState.Stream awaited = state.awaited();
        if (awaited == null || !awaited.active || awaited.budgetBlockedSince >= 0 || state.idleNanos() < IDLE_NANOS) {
            return;
        }
        FlightState.Conn c = state.conns.get(awaited.connection);
        long idleFrom = Math.max(state.lastProgress, state.waitingSince);
        if (c == null || c.lastSample < idleFrom + IDLE_NANOS) {
            return; // no window sample since the idle time began: nothing confirmed
        }
        List<FlightState.Stream> holders = state.holders(c.name, awaited.name);
        if (holders.isEmpty()) {
            return;
        }
        boolean connectionAtZero = c.nearZeroSince >= 0 && c.lastSample - c.nearZeroSince >= CONFIRM_NANOS;
        List<FlightState.Stream> atZero = new ArrayList<>();
        for (FlightState.Stream h : holders) {
            if (FlightState.nearZero(h.receiveWindow, c.receiveInitial)) {
                atZero.add(h);
            }
        }
        boolean stockForm = !connectionAtZero && !atZero.isEmpty() && awaited.receiveWindow > 0;
        if (!connectionAtZero && !stockForm) {
            return;
        }
        report(findings, awaited, c, connectionAtZero ? holders : atZero, connectionAtZero, idleFrom);
    }

    private void report(FindingSink findings, FlightState.Stream awaited, FlightState.Conn c,
                        List<FlightState.Stream> holders, boolean connectionAtZero, long idleFrom) {
        List<ResourceRef> refs = new ArrayList<>();
        refs.add(ResourceRef.of("connection", c.name));
        refs.add(ResourceRef.of("stream", awaited.name));
        holders.forEach(h -> refs.add(ResourceRef.of("stream", h.name)));
        String held = FlightState.list(holders, true);
        String what = connectionAtZero
                ? "Connection " + c.name + " (" + c.endpoint + ") has a receive window of " + c.receiveWindow + " of "
                  + c.receiveInitial + " bytes, with " + c.unconsumed + " bytes received but not consumed. "
                  + "The receiver returns connection window only when a stream's data is consumed (h2/tonic, some proxies), "
                  + "and the bytes are held by " + held + ". "
                : "Connection " + c.name + " (" + c.endpoint + ") still has connection window, but " + awaited.name
                  + " (window " + awaited.receiveWindow + ") gets nothing while " + held + " sit at window zero unread; "
                  + "the sender is blocked behind them. ";
        String explanation = what + "The consumer waits on " + awaited.name + ", which therefore cannot receive: nothing has "
                + "moved for " + (state.now - idleFrom) / 1_000_000 + " ms. The server cannot send on any stream of this "
                + "connection until someone reads the others — a deadlock (datafusion-distributed #228).";
        String fix = "Drain every stream concurrently into an unbounded buffer and put the back-pressure on a memory "
                + "budget instead of the transport (flight.strategy=drain, one task per stream, as datafusion-distributed "
                + "PR #240); bounded per-stream queues bring the deadlock back and bigger windows only delay it.";
        open = Finding.of("FLOW_CONTROL_STALL/" + c.name + "/" + awaited.name, FindingCode.FLOW_CONTROL_STALL, idleFrom, refs,
                "Flow-control stall on " + c.name + ": consumer waits on " + awaited.name + ", window held by "
                        + FlightState.list(holders, false), explanation, fix);
        openStream = awaited.name;
        findings.report(open);
    }

    /**
     * A packet capture shows no consumer, so the wire form claims only what the frames prove: the
     * receiver's connection window stayed at (or near) zero for {@link #IDLE_NANOS} with no gRPC
     * message and no DATA arriving, its streams hold bytes it never returned window for, and a stream
     * with window left received nothing in that time. It ends when the window reopens or data moves.
     */
    private void onWireEvent(Event event, FindingSink findings) {
        if (open != null) {
            FlightState.Stream s = state.streams.get(openStream);
            if (openConn.nearZeroSince != openZeroSince || state.lastProgress > open.startNanos() || s == null || s.done) {
                findings.report(open.endedAt(event.timeNanos()));
                open = null;
            }
            return;
        }
        for (FlightState.Conn c : state.conns.values()) {
            if (c.nearZeroSince < 0) {
                continue;
            }
            long idleFrom = Math.max(c.nearZeroSince, state.lastProgress);
            if (c.lastSample - idleFrom < IDLE_NANOS) {
                continue;
            }
            List<FlightState.Stream> holders = new ArrayList<>();
            List<FlightState.Stream> starved = new ArrayList<>();
            for (FlightState.Stream s : state.streams.values()) {
                if (s.done || !s.active || !s.connection.equals(c.name)) {
                    continue;
                }
                if (s.unconsumed > 0) {
                    holders.add(s);
                }
                if (s.receiveWindow > 0 && !FlightState.nearZero(s.receiveWindow, c.receiveInitial) && s.lastBytesAt <= idleFrom) {
                    starved.add(s);
                }
            }
            if (!holders.isEmpty() && !starved.isEmpty()) {
                holders.sort((a, b) -> Long.compare(b.unconsumed, a.unconsumed));
                reportWire(findings, c, holders, starved, idleFrom);
                return;
            }
        }
    }

    private void reportWire(FindingSink findings, FlightState.Conn c, List<FlightState.Stream> holders,
                            List<FlightState.Stream> starved, long idleFrom) {
        List<ResourceRef> refs = new ArrayList<>();
        refs.add(ResourceRef.of("connection", c.name));
        starved.forEach(s -> refs.add(ResourceRef.of("stream", s.name)));
        holders.stream().filter(h -> !starved.contains(h)).forEach(h -> refs.add(ResourceRef.of("stream", h.name)));
        long held = holders.stream().mapToLong(h -> h.unconsumed).sum();
        String seconds = String.format(java.util.Locale.ROOT, "%.1f", (state.now - idleFrom) / 1e9);
        StringBuilder room = new StringBuilder();
        for (FlightState.Stream s : starved) {
            room.append(room.isEmpty() ? "" : ", ").append(s.name).append(" (window ").append(s.receiveWindow).append(')');
        }
        String explanation = "The capture shows the receiver's connection window on " + c.name + " (" + c.endpoint
                + ") at " + c.receiveWindow + " of " + c.receiveInitial + " bytes for " + seconds + " s; its streams hold "
                + held + " bytes it never returned window for: " + FlightState.list(holders, true) + ". " + room
                + " had stream window left but received nothing in that time: the server could not send on any stream of "
                + "this connection. The wire cannot show what the program waited on: if its consumer waits on one of "
                + "those streams while nobody reads the others, this is the deadlock of datafusion-distributed #228; if "
                + "the receiver simply stopped reading, it is a stalled consumer.";
        String fix = "If one consumer reads the streams one after another: drain every stream concurrently into a buffer "
                + "with a memory budget (flight.strategy=drain, as datafusion-distributed PR #240); a receiver that "
                + "returns connection window only on consumption (h2/tonic, some proxies) needs every stream read.";
        open = Finding.of("FLOW_CONTROL_STALL/" + c.name, FindingCode.FLOW_CONTROL_STALL, idleFrom, refs,
                "Flow-control stall on " + c.name + ": connection window at " + c.receiveWindow + " for at least " + seconds
                        + " s, held by " + FlightState.list(holders, false) + "; " + FlightState.list(starved, false)
                        + " received nothing", explanation, fix);
        openStream = starved.get(0).name;
        openConn = c;
        openZeroSince = c.nearZeroSince;
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
