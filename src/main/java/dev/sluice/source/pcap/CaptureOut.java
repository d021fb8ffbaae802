package dev.sluice.source.pcap;

import dev.sluice.event.EventBody;

/** Where the connections of a capture put their events and their warnings. */
interface CaptureOut {

    /** An event at {@code epochNanos} on the capture's clock. */
    void emit(long epochNanos, EventBody body);

    /**
     * Something the capture does not show, and what that makes unknown (a hole, a mid-connection
     * start): it makes the import partial and is said in its warning and as a note in the trace.
     */
    void gap(long epochNanos, String what);
}
