package dev.sluice.ui;

import dev.sluice.detect.Finding;
import javafx.beans.property.ReadOnlyBooleanProperty;

/** What the transport bar drives: playing, stepping and the replay speed. */
public interface TransportPort extends ViewPort {

    void togglePlay();

    /** Steps one event forward ({@code 1}) or back ({@code -1}). */
    void stepEvent(int direction);

    /** Seeks to the next or previous finding and selects its resources; returns it, or null at either end. */
    Finding stepFinding(int direction);

    void setSpeed(double factor);

    ReadOnlyBooleanProperty playingProperty();
}
