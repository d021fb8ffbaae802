package dev.sluice.ui;

import dev.sluice.source.LiveSource;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/** What the shell starts and stops: runs, traces, the theme. */
public interface ShellPort extends UiPort {

    /** Starts a live source (a scenario run, an agent), recording to {@code record} when not null. */
    void startLive(LiveSource source, Path record);

    /** Asks the live run to wind down. */
    void stopRun();

    /** Opens a trace for replay. */
    void openTrace(Path file);

    /** Opens several traces (one per process) as one run on one clock, for replay. */
    void openTraces(List<Path> files);

    /** Copies the current trace to {@code target} (in the background). */
    void copyTrace(Path target);

    /** The trace being replayed or recorded, or null. */
    Path currentTrace();

    ReadOnlyBooleanProperty runningProperty();

    /** What is shown: the live run or the replayed file. */
    ReadOnlyStringProperty sourceProperty();

    void setPalette(Palette palette);
}
