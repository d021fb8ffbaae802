package dev.sluice.ui.commits;

import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.delta.CommitAttempt;
import dev.sluice.model.delta.DeltaPart;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot's commit attempts (ended and open) sorted by start once, so that moving the cursor over
 * the same snapshot (scrubbing a replay) costs the attempts before it, not a copy and a sort of all.
 * Lanes are numbered in the order writers first start, so the lanes up to any cursor are a prefix.
 */
final class AttemptsByStart {

    private final ModelSnapshot model;
    private final List<CommitAttempt> sorted;
    private final long[] starts;
    private final List<String> writers;
    private final long[] writerFirstStarts;
    private final Map<String, Integer> lanes;
    private final long fromNanos;
    private final long toNanos;

    private AttemptsByStart(ModelSnapshot model) {
        this.model = model;
        DeltaPart delta = DeltaPart.of(model);
        List<CommitAttempt> all = new ArrayList<>(delta.attempts());
        long endedTo = all.stream().mapToLong(CommitAttempt::endNanos).max().orElse(Long.MIN_VALUE);
        all.addAll(delta.openAttempts());
        all.sort(Comparator.comparingLong(CommitAttempt::startNanos));
        sorted = List.copyOf(all);
        starts = sorted.stream().mapToLong(CommitAttempt::startNanos).toArray();
        lanes = new LinkedHashMap<>();
        List<Long> firsts = new ArrayList<>();
        for (CommitAttempt a : sorted) {
            if (lanes.putIfAbsent(a.writer(), lanes.size()) == null) {
                firsts.add(a.startNanos());
            }
        }
        writers = List.copyOf(lanes.keySet());
        writerFirstStarts = firsts.stream().mapToLong(Long::longValue).toArray();
        fromNanos = starts.length == 0 ? Long.MAX_VALUE : starts[0];
        toNanos = endedTo;
    }

    /** The cached index when {@code model} is the same snapshot, else a new one. */
    @SuppressWarnings("ReferenceEquality") // a new snapshot is a new object; equals would compare whole models
    static AttemptsByStart of(AttemptsByStart cached, ModelSnapshot model) {
        return cached != null && cached.model == model ? cached : new AttemptsByStart(model);
    }

    /** Whether this indexes {@code snapshot}. */
    @SuppressWarnings("ReferenceEquality") // a new snapshot is a new object; equals would compare whole models
    boolean indexes(ModelSnapshot snapshot) {
        return model == snapshot;
    }

    /** Whether this indexes a snapshot of the run {@code snapshot} belongs to (views outlive a run). */
    @SuppressWarnings("ReferenceEquality") // one run's snapshots share its RunInfo object
    boolean sameRun(ModelSnapshot snapshot) {
        return model.run() == snapshot.run();
    }

    /** Attempts indexed, ended and open. */
    int size() {
        return sorted.size();
    }

    /** The latest start among the attempts started at or before {@code cursor}; Long.MIN_VALUE when none. */
    long lastStartBy(long cursor) {
        int n = upTo(starts, cursor);
        return n == 0 ? Long.MIN_VALUE : starts[n - 1];
    }

    /** The attempts that started at or before {@code cursor}, by start. */
    List<CommitAttempt> startedBy(long cursor) {
        return sorted.subList(0, upTo(starts, cursor));
    }

    /** The writers with an attempt started at or before {@code cursor}, in lane order. */
    List<String> writersBy(long cursor) {
        return writers.subList(0, upTo(writerFirstStarts, cursor));
    }

    int lane(String writer) {
        return lanes.get(writer);
    }

    /** The first start of any attempt, {@link Long#MAX_VALUE} when there is none. */
    long fromNanos() {
        return fromNanos;
    }

    /** The last end of an ended attempt, {@link Long#MIN_VALUE} when none has ended. */
    long toNanos() {
        return toNanos;
    }

    /** How many of the ascending {@code values} are ≤ {@code cursor}. */
    private static int upTo(long[] values, long cursor) {
        int i = Arrays.binarySearch(values, cursor);
        if (i < 0) {
            return -i - 1;
        }
        while (i + 1 < values.length && values[i + 1] == cursor) {
            i++;
        }
        return i + 1;
    }
}
