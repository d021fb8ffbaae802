package dev.sluice.ui.commits;

import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.delta.DeltaPart;
import dev.sluice.ui.FramePort;
import java.util.function.Function;

/**
 * Indexes a replay's commit attempts off the FX thread together with the tally of its first cursor: sorting and
 * decoding millions of attempts took seconds of one pulse when the Commits tab first showed a large trace. One
 * replay at a time; a newer run cancels it (its result is then dropped). UI thread only, but for the work itself.
 */
final class ReplayIndexing {

    /** An index and the tally made from it, off the FX thread. */
    record Indexed(AttemptsByStart index, CommitTally tally) { }

    /** Takes an index made off the FX thread; {@code later}: not inside the call that asked for it (redraw then). */
    @FunctionalInterface
    interface Done {
        void indexed(Indexed indexed, boolean later);
    }

    private final FramePort port;
    private ModelSnapshot model;
    /** The replay whose indexing threw (the port reported it): not tried again on every pulse. */
    private ModelSnapshot failed;
    private int attempts;
    private int generation;

    ReplayIndexing(FramePort port) {
        this.port = port;
    }

    /** The attempts, ended and open, in {@code m}: counted without decoding one. */
    static int attemptsIn(ModelSnapshot m) {
        DeltaPart delta = DeltaPart.of(m);
        return delta.attempts().size() + delta.openAttempts().size();
    }

    /** Starts indexing {@code m} and tallying with {@code tally}, unless {@code m} is being indexed already. */
    @SuppressWarnings("ReferenceEquality") // a new snapshot is a new object; equals would compare whole models
    void start(ModelSnapshot m, Function<AttemptsByStart, CommitTally> tally, Done done) {
        if (model == m || failed == m) {
            return;
        }
        model = m;
        attempts = attemptsIn(m);
        int mine = ++generation;
        boolean[] inline = {true};
        port.offUi(() -> {
            AttemptsByStart index = AttemptsByStart.of(null, m);
            return new Indexed(index, tally.apply(index));
        }, indexed -> {
            if (mine == generation) {
                cancel();
                done.indexed(indexed, !inline[0]);
            }
        }, () -> {
            if (mine == generation) {
                cancel();
                failed = m;
            }
        });
        inline[0] = false;
    }

    /** Whether indexing {@code m} threw: the view says so instead of trying again each pulse. */
    @SuppressWarnings("ReferenceEquality") // a new snapshot is a new object; equals would compare whole models
    boolean failed(ModelSnapshot m) {
        return failed == m;
    }

    /** Drops the replay being indexed, if any (another run is shown). */
    void cancel() {
        if (model != null) {
            model = null;
            attempts = 0;
            generation++;
        }
    }

    /** How many attempts are being indexed; 0 when none. */
    int attempts() {
        return attempts;
    }
}
