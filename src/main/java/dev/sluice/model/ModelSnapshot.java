package dev.sluice.model;

import dev.sluice.detect.Finding;
import dev.sluice.event.RunInfo;
import java.util.List;

/**
 * Everything the console shows, folded from the events so far: immutable, safe to read on any
 * thread. It is time-indexed: views look at it through a cursor (run nanos) and draw what had
 * happened by then, so replay seeks by moving the cursor, never by re-running. What belongs to one
 * engine is that engine's {@link EnginePart} ({@code S3Part.of(snapshot)}).
 *
 * @param run        the run's metadata, null until the run starts
 * @param complete   whether the stream has ended (replay loaded, or the live run finished)
 * @param warning    a problem with the source (a truncated trace), or null
 * @param dropped    events the pipeline dropped
 * @param marks      the timeline's marks of every engine, in stream order
 * @param findings   what the detectors found, ordered by start
 * @param analysisFailure why the detectors stopped (a detector threw: the findings are incomplete), or null
 * @param parts      each engine's part, one per {@link EngineModel#MODULES} entry
 */
public record ModelSnapshot(RunInfo run, boolean complete, String warning, long dropped, Times times,
                            Activity activity, List<Mark> marks, List<Finding> findings, String analysisFailure,
                            List<EnginePart> parts) {

    public ModelSnapshot {
        parts = List.copyOf(parts);
    }

    /** The part of type {@code type}; every registered engine has one in every snapshot. */
    public <P extends EnginePart> P part(Class<P> type) {
        for (EnginePart p : parts) {
            if (type.isInstance(p)) {
                return type.cast(p);
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " in the model: its engine is not registered "
                + "in EngineModel.MODULES");
    }

    /** An empty model (no source yet). */
    public static final ModelSnapshot EMPTY = new ModelBuilder().snapshot(List.of(), false, null);

    public int eventCount() {
        return times.size();
    }

    /**
     * Run nanos of the first event (0 when empty). Not always 0: the run clock starts when the
     * pipeline is built, before its sinks have opened.
     */
    public long startNanos() {
        return times.size() == 0 ? 0 : times.timeAt(0);
    }

    /** Run nanos of the last event (0 when empty). */
    public long endNanos() {
        return times.size() == 0 ? 0 : times.timeAt(times.size() - 1);
    }

    /** The stream-order time index: event i happened at {@code timeAt(i)} (non-decreasing). */
    public static final class Times {
        private final TimeIndex.Frozen frozen;

        Times(TimeIndex.Frozen frozen) {
            this.frozen = frozen;
        }

        public int size() {
            return frozen.size();
        }

        public long timeAt(int index) {
            return frozen.timeAt(index);
        }

        /** Index of the last event at or before {@code nanos}, -1 if none. */
        public int lastAtOrBefore(long nanos) {
            return frozen.lastAtOrBefore(nanos);
        }
    }
}
