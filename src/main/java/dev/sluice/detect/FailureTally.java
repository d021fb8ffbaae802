package dev.sluice.detect;

import dev.sluice.event.DeltaEvent;
import dev.sluice.event.Event;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.FlightEvent.StreamOutcome;
import dev.sluice.event.S3Event;
import dev.sluice.event.S3Event.RequestOutcome;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of the run's work failed, counted from its events (never from engine internals): S3
 * objects with a failed or timed-out request, Flight streams that failed, Delta commit attempts
 * that failed for reasons other than the known conflicts. Not thread-safe; read {@link #summary()}.
 */
public final class FailureTally {

    /** An immutable reading of the tally, safe to pass between threads. */
    public record Summary(int objects, int objectsFailed, int streams, int streamsFailed, int commits,
                          int commitsFailed) {

        public static final Summary NONE = new Summary(0, 0, 0, 0, 0, 0);

        /** "40 of 40 objects failed, 1 of 8 streams failed"; empty when nothing failed. */
        public String text() {
            StringBuilder b = new StringBuilder();
            part(b, objectsFailed, objects, "objects");
            part(b, streamsFailed, streams, "streams");
            part(b, commitsFailed, commits, "commit attempts");
            return b.toString();
        }

        private static void part(StringBuilder b, int failed, int of, String what) {
            if (failed > 0) {
                b.append(b.isEmpty() ? "" : ", ").append(failed).append(" of ").append(Math.max(failed, of))
                        .append(' ').append(what).append(" failed");
            }
        }
    }

    private final Map<String, String> keyOfRequest = new HashMap<>();
    private final Set<String> objects = new HashSet<>();
    private final Set<String> objectsFailed = new HashSet<>();
    private final Set<String> streams = new HashSet<>();
    private final Set<String> streamsFailed = new HashSet<>();
    private int commits;
    private int commitsFailed;

    /** Catalog indices of the kinds the tally reads: any other event costs one comparison against a range. */
    private static final int REQUEST_STARTED = kindIndex(S3Event.RequestStarted.class);
    private static final int REQUEST_COMPLETED = kindIndex(S3Event.RequestCompleted.class);
    private static final int STREAM_OPENED = kindIndex(FlightEvent.StreamOpened.class);
    private static final int STREAM_COMPLETED = kindIndex(FlightEvent.StreamCompleted.class);
    private static final int COMMIT_ATTEMPTED = kindIndex(DeltaEvent.CommitAttempted.class);
    private static final int COMMIT_FAILED = kindIndex(DeltaEvent.CommitFailed.class);
    private static final int[] READ = {REQUEST_STARTED, REQUEST_COMPLETED, STREAM_OPENED, STREAM_COMPLETED,
        COMMIT_ATTEMPTED, COMMIT_FAILED};
    private static final boolean[] READS = reads();

    private static int kindIndex(Class<?> type) {
        List<EventKind> kinds = EventCatalog.kinds();
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i).type() == type) {
                return i;
            }
        }
        throw new IllegalStateException(type.getName() + " is not in the event catalog");
    }

    private static boolean[] reads() {
        boolean[] reads = new boolean[EventCatalog.size()];
        for (int i : READ) {
            reads[i] = true;
        }
        return reads;
    }

    void fold(Event event) {
        fold(event, EventCatalog.indexOf(event.body()));
    }

    /** {@link #fold(Event)} of an event whose catalog index ({@link EventCatalog#indexOf}) the caller has. */
    void fold(Event event, int kind) {
        if (!READS[kind]) {
            return;
        }
        if (event.body() instanceof S3Event.RequestStarted r) {
            String key = r.key() == null ? r.request() : r.key();
            keyOfRequest.put(r.request(), key);
            objects.add(key);
        } else if (event.body() instanceof S3Event.RequestCompleted r) {
            String key = keyOfRequest.remove(r.request());
            if (r.outcome() != RequestOutcome.OK && key != null) {
                objectsFailed.add(key);
            }
        } else if (event.body() instanceof FlightEvent.StreamOpened s) {
            streams.add(s.stream());
        } else if (event.body() instanceof FlightEvent.StreamCompleted s && s.outcome() == StreamOutcome.FAILED) {
            streamsFailed.add(s.stream());
        } else if (event.body() instanceof DeltaEvent.CommitAttempted) {
            commits++;
        } else if (event.body() instanceof DeltaEvent.CommitFailed f && DeltaConflicts.isUnclassified(f)) {
            commitsFailed++;
        }
    }

    public Summary summary() {
        return new Summary(objects.size(), objectsFailed.size(), streams.size(), streamsFailed.size(), commits,
                commitsFailed);
    }
}
