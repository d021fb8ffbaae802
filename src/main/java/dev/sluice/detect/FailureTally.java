package dev.sluice.detect;

import dev.sluice.event.DeltaEvent;
import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.FlightEvent.StreamOutcome;
import dev.sluice.event.S3Event;
import dev.sluice.event.S3Event.RequestOutcome;
import java.util.HashMap;
import java.util.HashSet;
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

    void fold(Event event) {
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
