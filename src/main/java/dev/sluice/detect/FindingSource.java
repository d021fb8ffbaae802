package dev.sluice.detect;

import java.util.List;

/**
 * A pipeline sink that runs the detectors and can tell what they found (safe from any thread).
 * A run needs exactly one: the runner reuses the console's live model when it has one, so the
 * detectors never run twice over the same stream.
 */
public interface FindingSource {

    /** The findings so far, in output order; complete once the pipeline has closed. */
    List<Finding> findings();

    /** How much of the run's work failed, counted from the events so far. */
    default FailureTally.Summary tally() {
        return FailureTally.Summary.NONE;
    }
}
