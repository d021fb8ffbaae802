package dev.sluice.ui.commits;

import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.delta.CommitAttempt;
import dev.sluice.model.delta.DeltaPart;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot's commit attempts (ended and open) sorted by start once, so that moving the cursor over
 * the same snapshot (scrubbing a replay) costs the attempts before it, not a copy and a sort of all.
 * Lanes are numbered in the order writers first start, so the lanes up to any cursor are a prefix.
 * The index holds positions and start times only: the attempts stay in the model's packed columns
 * and are decoded when read (a trace of millions of attempts must not become millions of objects).
 */
final class AttemptsByStart {

    private final ModelSnapshot model;
    private final List<CommitAttempt> ended;
    private final List<CommitAttempt> open;
    /** Positions into {@link #ended}, then {@link #open} (offset by its size), in order of start. */
    private final int[] order;
    private final long[] starts;
    private final List<String> writers;
    private final long[] writerFirstStarts;
    private final Map<String, Integer> lanes;
    private final long fromNanos;
    private final long toNanos;

    private AttemptsByStart(ModelSnapshot model) {
        this.model = model;
        DeltaPart delta = DeltaPart.of(model);
        ended = delta.attempts();
        open = delta.openAttempts();
        int n = ended.size() + open.size();
        long[] byPosition = new long[n];
        long endedTo = Long.MIN_VALUE;
        int p = 0;
        for (CommitAttempt a : ended) {
            byPosition[p++] = a.startNanos();
            endedTo = Math.max(endedTo, a.endNanos());
        }
        for (CommitAttempt a : open) {
            byPosition[p++] = a.startNanos();
        }
        order = StableIndexSort.byKey(byPosition);
        starts = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = byPosition[order[i]];
        }
        lanes = new LinkedHashMap<>();
        List<Long> firsts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (lanes.putIfAbsent(attempt(i).writer(), lanes.size()) == null) {
                firsts.add(starts[i]);
            }
        }
        writers = List.copyOf(lanes.keySet());
        writerFirstStarts = firsts.stream().mapToLong(Long::longValue).toArray();
        fromNanos = n == 0 ? Long.MAX_VALUE : starts[0];
        toNanos = endedTo;
    }

    /** The {@code i}-th attempt by start, decoded now. */
    private CommitAttempt attempt(int i) {
        int position = order[i];
        return position < ended.size() ? ended.get(position) : open.get(position - ended.size());
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
        return order.length;
    }

    /** The latest start among the attempts started at or before {@code cursor}; Long.MIN_VALUE when none. */
    long lastStartBy(long cursor) {
        int n = upTo(starts, cursor);
        return n == 0 ? Long.MIN_VALUE : starts[n - 1];
    }

    /** The attempts that started at or before {@code cursor}, by start. */
    List<CommitAttempt> startedBy(long cursor) {
        int n = upTo(starts, cursor);
        return new AbstractList<>() {
            @Override
            public CommitAttempt get(int i) {
                Objects.checkIndex(i, n);
                return attempt(i);
            }

            @Override
            public int size() {
                return n;
            }
        };
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
