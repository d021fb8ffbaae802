package dev.sluice.source.pcap;

import java.util.Map;
import java.util.TreeMap;

/**
 * One direction of a TCP connection, reassembled into the byte stream the receiver read: in order,
 * each byte once. Retransmitted and overlapping bytes are dropped (the first copy wins, as the
 * receiver keeps it), out-of-order segments wait until the gap closes. A gap that can never close is
 * a hole, delivered as such: when the peer acknowledges bytes the capture never saw, when more than
 * {@link #MAX_PENDING} bytes wait behind it, or when the capture ends. Offsets count from the first
 * byte after the SYN, or from the first byte seen when the capture starts mid-connection.
 */
final class TcpDirection {

    /** Bytes held out of order before the gap in front of them is given up as a hole (bounded memory). */
    static final int MAX_PENDING = 4 << 20;

    /** Receives the reassembled stream. */
    interface Reader {
        void bytes(byte[] data, int offset, int length, long timeNanos) throws CaptureFormatException;

        /** {@code length} bytes from stream offset {@code at} were not captured. */
        void hole(long at, long length, long timeNanos) throws CaptureFormatException;
    }

    private final Reader reader;
    private boolean started;
    private boolean synSeen;
    /** The sequence number of stream offset 0. */
    private int base;
    /** Stream offset of the next byte to deliver. */
    private long next;
    private final TreeMap<Long, byte[]> pending = new TreeMap<>();
    private long pendingBytes;
    /** Stream offset of the FIN (it takes one sequence number the peer acknowledges), or -1. */
    private long finAt = -1;
    private long retransmitted;
    private long holes;
    private long missing;

    TcpDirection(Reader reader) {
        this.reader = reader;
    }

    boolean synSeen() {
        return synSeen;
    }

    boolean started() {
        return started;
    }

    long retransmittedBytes() {
        return retransmitted;
    }

    long holes() {
        return holes;
    }

    long missingBytes() {
        return missing;
    }

    long delivered() {
        return next;
    }

    void syn(int seq) {
        if (!started) {
            started = true;
            synSeen = true;
            base = seq + 1;
        }
    }

    /** A segment's payload, sent at sequence number {@code seq}. */
    void segment(int seq, byte[] data, int offset, int length, long timeNanos) throws CaptureFormatException {
        if (length == 0) {
            return;
        }
        if (!started) {
            started = true; // mid-connection: this is offset 0
            base = seq;
        }
        long at = offsetOf(seq);
        long end = at + length;
        if (end <= next) {
            retransmitted += length;
            return;
        }
        if (at < next) {
            int skip = (int) (next - at);
            retransmitted += skip;
            offset += skip;
            length -= skip;
            at = next;
        }
        if (at == next) {
            reader.bytes(data, offset, length, timeNanos);
            next = end;
            drain(timeNanos);
            return;
        }
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        byte[] old = pending.get(at);
        if (old == null || old.length < length) {
            pendingBytes += length - (old == null ? 0 : old.length);
            pending.put(at, copy);
        } else {
            retransmitted += length;
        }
        if (pendingBytes > MAX_PENDING) {
            skipTo(pending.firstKey(), timeNanos);
        }
    }

    /** A FIN after {@code length} payload bytes at {@code seq}. */
    void fin(int seq, int length) {
        if (started && finAt < 0) {
            finAt = offsetOf(seq) + length;
        }
    }

    /** The peer acknowledged everything before {@code ack}: bytes before it that were not captured never will be. */
    void acknowledged(int ack, long timeNanos) throws CaptureFormatException {
        if (!started) {
            return;
        }
        long upTo = offsetOf(ack);
        if (finAt >= 0) {
            upTo = Math.min(upTo, finAt);
        }
        while (upTo > next) {
            Map.Entry<Long, byte[]> first = pending.firstEntry();
            long gapEnd = first == null ? upTo : Math.min(upTo, first.getKey());
            if (gapEnd <= next) {
                drain(timeNanos);
                if (pending.isEmpty() || pending.firstKey() > next) {
                    return;
                }
                continue;
            }
            if (first == null || first.getKey() > upTo) {
                // acknowledged bytes with nothing after them yet: a hole only once later bytes arrive
                hole(next, upTo - next, timeNanos);
                next = upTo;
                return;
            }
            skipTo(gapEnd, timeNanos);
        }
    }

    /** The capture ended or the connection closed: every gap left is a hole. */
    void finish(long timeNanos) throws CaptureFormatException {
        while (!pending.isEmpty()) {
            skipTo(pending.firstKey(), timeNanos);
        }
    }

    private void skipTo(long to, long timeNanos) throws CaptureFormatException {
        if (to > next) {
            hole(next, to - next, timeNanos);
            next = to;
        }
        drain(timeNanos);
    }

    private void hole(long at, long length, long timeNanos) throws CaptureFormatException {
        holes++;
        missing += length;
        reader.hole(at, length, timeNanos);
    }

    private void drain(long timeNanos) throws CaptureFormatException {
        while (!pending.isEmpty()) {
            Map.Entry<Long, byte[]> e = pending.firstEntry();
            long at = e.getKey();
            byte[] b = e.getValue();
            if (at > next) {
                return;
            }
            pending.pollFirstEntry();
            pendingBytes -= b.length;
            long end = at + b.length;
            if (end <= next) {
                retransmitted += b.length;
                continue;
            }
            int skip = (int) (next - at);
            retransmitted += skip;
            reader.bytes(b, skip, b.length - skip, timeNanos);
            next = end;
        }
    }

    /** The stream offset of {@code seq}: the one nearest the next byte expected (sequence numbers wrap at 2^32). */
    private long offsetOf(int seq) {
        int d = seq - (base + (int) next);
        return next + d;
    }
}
