package dev.sluice.ui;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/** What the status bar shows besides the frame: the message, background progress, the source's counters. */
public interface StatusPort extends FramePort {

    ReadOnlyStringProperty messageProperty();

    /** 0 when idle, -1 while busy without a measure, else the fraction done. */
    ReadOnlyDoubleProperty progressProperty();

    /** Size of the trace being replayed or recorded, -1 when there is none. */
    ReadOnlyLongProperty traceBytesProperty();

    /** Events the live run folded so far, or -1 when not live. */
    long liveEvents();

    /** Events the live pipeline dropped so far (0 when not live). */
    long liveDropped();

    /** The {@code p}-th percentile (0..100) of recent pulse-to-pulse times in nanos. */
    long framePercentile(double p);
}
