package dev.sluice.detect;

import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.RunInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Flight detectors know about the shuffle so far, rebuilt from events only: connections
 * and their windows, streams and theirs, what the consumer waits on and when anything last moved.
 * A stall rule alone keeps its own instance; in the suite the three share one ({@link FlightStallRules}),
 * which alone applies events to it: the rules only read it.
 */
final class FlightState {

    static final class Conn {
        final String name;
        String endpoint = "";
        long receiveWindow = -1;
        long receiveInitial;
        long unconsumed;
        int maxConcurrentStreams = -1;
        int pendingStreams;
        long lastSample = -1;
        /** Since when every sample showed the receive window at (or near) zero; -1 when it is not. */
        long nearZeroSince = -1;

        Conn(String name) {
            this.name = name;
        }
    }

    static final class Stream {
        final String name;
        final String connection;
        boolean active;
        boolean done;
        long receiveWindow = -1;
        long unconsumed;
        long bytesReceived;
        long batchesReceived;
        long batchesConsumed;
        long reserved;
        long budgetBlockedSince = -1;
        /** When its bytes received last grew (window samples). */
        long lastBytesAt;

        Stream(String name, String connection) {
            this.name = name;
            this.connection = connection;
        }
    }

    /** The run setting and value a packet capture's import sets ({@code source.pcap.CaptureFormat}). */
    static final String SOURCE_SETTING = "source";
    static final String SOURCE_CAPTURE = "capture";

    final Map<String, Conn> conns = new LinkedHashMap<>();
    /**
     * The events come from a packet capture: windows, frames and gRPC messages as the wire shows them,
     * but no consumer (what a program waits on is not on the wire).
     */
    boolean wire;
    final Map<String, Stream> streams = new LinkedHashMap<>();
    String waitingOn = "";
    long waitingSince;
    /** Last time any batch was received or consumed, or the awaited stream got bytes. */
    long lastProgress;
    long now;
    long budget;
    long totalReserved;
    /** How many streams are blocked on the budget now: detectors skip their scan of every stream while none is. */
    int budgetBlockedStreams;

    /** {@code run} may be null (a suite opened without run metadata): then it is no capture. */
    void onRun(RunInfo run) {
        wire = run != null && SOURCE_CAPTURE.equals(run.settings().get(SOURCE_SETTING));
    }

    /** Applies one event; returns true when it was a Flight event. */
    boolean apply(Event e) {
        now = Math.max(now, e.timeNanos());
        if (!(e.body() instanceof FlightEvent body)) {
            return false;
        }
        long t = e.timeNanos();
        // the kinds exclusive of each other, the commonest first (window samples, then batches)
        if (body instanceof FlightEvent.StreamWindowSampled w) {
            Stream s = stream(w.stream(), w.connection());
            if (w.bytesReceived() > s.bytesReceived) {
                s.lastBytesAt = t;
                if (s.name.equals(waitingOn)) {
                    lastProgress = t;
                }
            }
            s.receiveWindow = w.receiveWindow();
            s.unconsumed = w.receiveUnconsumed();
            s.bytesReceived = w.bytesReceived();
        } else if (body instanceof FlightEvent.ConnectionWindowSampled w) {
            Conn c = conn(w.connection());
            c.receiveWindow = w.receiveWindow();
            c.receiveInitial = w.receiveInitial();
            c.unconsumed = w.receiveUnconsumed();
            c.pendingStreams = w.pendingStreams();
            c.lastSample = t;
            if (nearZero(c.receiveWindow, c.receiveInitial)) {
                if (c.nearZeroSince < 0) {
                    c.nearZeroSince = t;
                }
            } else {
                c.nearZeroSince = -1;
            }
        } else if (body instanceof FlightEvent.BatchReceived b) {
            stream(b.stream(), b.connection()).batchesReceived++;
            lastProgress = t;
        } else if (body instanceof FlightEvent.BatchConsumed b) {
            stream(b.stream(), b.connection()).batchesConsumed++;
            lastProgress = t;
        } else if (body instanceof FlightEvent.ConnectionOpened c) {
            conn(c.connection()).endpoint = c.endpoint();
        } else if (body instanceof FlightEvent.ConnectionSettings c) {
            conn(c.connection()).maxConcurrentStreams = c.maxConcurrentStreams();
        } else if (body instanceof FlightEvent.StreamOpened s) {
            streams.put(s.stream(), new Stream(s.stream(), s.connection()));
        } else if (body instanceof FlightEvent.StreamActive s) {
            stream(s.stream(), s.connection()).active = true;
        } else if (body instanceof FlightEvent.StreamCompleted s) {
            stream(s.stream(), s.connection()).done = true;
        } else if (body instanceof FlightEvent.ConsumerWaiting w) {
            waitingOn = w.stream() == null ? "" : w.stream();
            waitingSince = t;
        } else if (body instanceof FlightEvent.BufferReserved r) {
            Stream s = streams.get(r.stream());
            if (s != null) {
                s.reserved += r.reservedBytes();
            }
            totalReserved = r.totalReserved();
            budget = r.budgetBytes();
        } else if (body instanceof FlightEvent.BudgetBlocked b) {
            Stream s = streams.get(b.stream());
            if (s != null) {
                budgetBlockedStreams += s.budgetBlockedSince < 0 ? 1 : 0;
                s.budgetBlockedSince = t;
            }
            totalReserved = b.totalReserved();
            budget = b.budgetBytes();
        } else if (body instanceof FlightEvent.BudgetUnblocked b) {
            Stream s = streams.get(b.stream());
            if (s != null) {
                budgetBlockedStreams -= s.budgetBlockedSince >= 0 ? 1 : 0;
                s.budgetBlockedSince = -1;
            }
        }
        return true;
    }

    /** "At or near zero": less than one max-size DATA frame (16 KiB) or a sixteenth of the initial window left. */
    static boolean nearZero(long window, long initial) {
        return window >= 0 && window <= Math.min(16_384, Math.max(0, initial / 16));
    }

    Conn conn(String name) {
        return conns.computeIfAbsent(name, Conn::new);
    }

    Stream stream(String name, String connection) {
        Stream s = streams.get(name); // no capturing lambda per event: most events are of a known stream
        if (s == null) {
            s = new Stream(name, connection);
            streams.put(name, s);
        }
        return s;
    }

    /** The stream the consumer waits on, if it is still open. */
    Stream awaited() {
        if (waitingOn == null || waitingOn.isEmpty()) {
            return null;
        }
        Stream s = streams.get(waitingOn);
        return s == null || s.done ? null : s;
    }

    /** How long nothing has moved for the awaited stream's consumer. */
    long idleNanos() {
        return now - Math.max(lastProgress, waitingSince);
    }

    /** Open streams on {@code connection} other than {@code except}, holding unread bytes, most first. */
    List<Stream> holders(String connection, String except) {
        List<Stream> out = new ArrayList<>();
        for (Stream s : streams.values()) {
            if (!s.done && s.active && s.connection.equals(connection) && !s.name.equals(except) && s.unconsumed > 0) {
                out.add(s);
            }
        }
        out.sort((a, b) -> Long.compare(b.unconsumed, a.unconsumed));
        return out;
    }

    static String list(List<Stream> streams, boolean withBytes) {
        StringBuilder sb = new StringBuilder();
        for (Stream s : streams) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(s.name);
            if (withBytes) {
                sb.append(" (").append(s.unconsumed).append(" bytes unread, window ").append(s.receiveWindow).append(')');
            }
        }
        return sb.toString();
    }
}
