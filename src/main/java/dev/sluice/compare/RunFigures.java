package dev.sluice.compare;

import dev.sluice.detect.DeltaConflicts;
import dev.sluice.event.DeltaEvent;
import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.S3Event;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The headline figures of one run, from its events alone (a pure function: the same events give the
 * same figures, live or replayed). A run has the figures of the engines it used; a rate needs some
 * time between its first and last event and is absent otherwise, as is rows lost without a verify.
 */
public final class RunFigures {

    /** A stretch without any batch moving counts as stall time from this long: the stall detectors' idle time. */
    public static final long STALL_NANOS = 1_000_000_000L;

    private static final double MIB = 1024.0 * 1024.0;

    private RunFigures() {
    }

    public static Map<Figure, Double> of(List<Event> events) {
        Map<Figure, Double> out = new EnumMap<>(Figure.class);
        S3 s3 = new S3();
        Flight flight = new Flight();
        Delta delta = new Delta();
        long last = 0;
        for (Event e : events) {
            last = Math.max(last, e.timeNanos());
            if (e.body() instanceof S3Event b) {
                s3.add(e.timeNanos(), b);
            } else if (e.body() instanceof FlightEvent b) {
                flight.add(e.timeNanos(), b);
            } else if (e.body() instanceof DeltaEvent b) {
                delta.add(e.timeNanos(), b);
            }
        }
        if (s3.requests > 0) {
            rate(out, Figure.S3_MIB_PER_S, s3.bytes / MIB, s3.first, s3.last);
            out.put(Figure.S3_FAILED_REQUESTS, (double) s3.failed);
        }
        if (flight.seen) {
            rate(out, Figure.FLIGHT_BYTES_PER_S, flight.bytes, flight.first, flight.last);
            out.put(Figure.FLIGHT_STALL_SECONDS, flight.stallEndingAt(last) / 1e9);
            out.put(Figure.FLIGHT_PEAK_BUFFERED_BYTES, (double) flight.peakBuffered);
        }
        if (delta.seen) {
            rate(out, Figure.DELTA_COMMITS_PER_S, delta.commits, delta.first, delta.last);
            out.put(Figure.DELTA_CONFLICTS, (double) delta.conflicts);
            out.put(Figure.DELTA_RETRIES, (double) delta.retries);
            if (!delta.missingByTable.isEmpty()) {
                out.put(Figure.DELTA_ROWS_LOST,
                        (double) delta.missingByTable.values().stream().mapToLong(Long::longValue).sum());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static void rate(Map<Figure, Double> out, Figure figure, double amount, long from, long to) {
        if (to > from) {
            out.put(figure, amount / ((to - from) / 1e9));
        }
    }

    /** Bytes read from the first request issued to the last one finished. */
    private static final class S3 {
        long requests;
        long failed;
        double bytes;
        long first = Long.MAX_VALUE;
        long last;

        void add(long t, S3Event b) {
            if (b instanceof S3Event.RequestStarted) {
                requests++;
                first = Math.min(first, t);
            } else if (b instanceof S3Event.RequestCompleted c) {
                last = Math.max(last, t);
                if (c.outcome() == S3Event.RequestOutcome.OK) {
                    bytes += c.bytes();
                } else {
                    failed++;
                }
            }
        }
    }

    /**
     * Bytes received from the first stream opened to the last event of a stream; stall time is every
     * stretch of {@link #STALL_NANOS} or more in which streams were open and no batch was received or
     * consumed; buffered bytes are the drain buffers' reservation plus what the transport holds unread.
     */
    private static final class Flight {
        boolean seen;
        double bytes;
        long first = Long.MAX_VALUE;
        long last;
        int open;
        long progressAt;
        long stall;
        long reserved;
        final Map<String, Long> unconsumed = new HashMap<>();
        long peakBuffered;

        void add(long t, FlightEvent b) {
            seen = true;
            if (b instanceof FlightEvent.StreamOpened) {
                first = Math.min(first, t);
                if (open++ == 0) {
                    progressAt = t;
                }
            } else if (b instanceof FlightEvent.StreamCompleted) {
                last = Math.max(last, t);
                progress(t);
                open = Math.max(0, open - 1);
            } else if (b instanceof FlightEvent.BatchReceived r) {
                bytes += r.bytes();
                last = Math.max(last, t);
                progress(t);
            } else if (b instanceof FlightEvent.BatchConsumed) {
                progress(t);
            } else if (b instanceof FlightEvent.BufferReserved r) {
                buffered(r.totalReserved(), null, 0);
            } else if (b instanceof FlightEvent.ConnectionWindowSampled w) {
                buffered(reserved, w.connection(), w.receiveUnconsumed());
            }
        }

        /** Something moved at {@code t}: the stretch since the last movement ends, counted if streams were open. */
        private void progress(long t) {
            long gap = t - progressAt;
            if (open > 0 && gap >= STALL_NANOS) {
                stall += gap;
            }
            progressAt = t;
        }

        private void buffered(long reservedNow, String connection, long unconsumedNow) {
            reserved = reservedNow;
            if (connection != null) {
                unconsumed.put(connection, unconsumedNow);
            }
            peakBuffered = Math.max(peakBuffered, reserved + unconsumed.values().stream().mapToLong(Long::longValue).sum());
        }

        /** The stall time, with a stall still going on when the run's events end. */
        long stallEndingAt(long end) {
            long gap = open > 0 ? end - progressAt : 0;
            return stall + (gap >= STALL_NANOS ? gap : 0);
        }
    }

    /** Commits from the first attempt to the last outcome; rows lost are verify's missing rows, per table. */
    private static final class Delta {
        boolean seen;
        long commits;
        long conflicts;
        long retries;
        long first = Long.MAX_VALUE;
        long last;
        final Map<String, Long> missingByTable = new HashMap<>();

        void add(long t, DeltaEvent b) {
            seen = true;
            if (b instanceof DeltaEvent.CommitAttempted a) {
                first = Math.min(first, t);
                retries += a.retry() > 0 ? 1 : 0;
            } else if (b instanceof DeltaEvent.CommitSucceeded) {
                commits++;
                last = Math.max(last, t);
            } else if (b instanceof DeltaEvent.CommitFailed f) {
                conflicts += DeltaConflicts.isConflict(f) ? 1 : 0;
                last = Math.max(last, t);
            } else if (b instanceof DeltaEvent.VerifyCompleted v) {
                missingByTable.put(v.table(), v.missingRows());
            }
        }
    }
}
