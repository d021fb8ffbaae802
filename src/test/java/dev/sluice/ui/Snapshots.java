package dev.sluice.ui;

import dev.sluice.detect.Finding;
import dev.sluice.event.Event;
import dev.sluice.model.ModelBuilder;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.TraceModel;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceReader;
import java.util.List;

/** Model snapshots for ViewModel tests: a recorded demo run, with its own findings or others. */
public final class Snapshots {

    private static ModelSnapshot demo;

    private Snapshots() {
    }

    /** The demo run as the console loads it: its events and the findings its detectors report. */
    public static synchronized ModelSnapshot demo() throws Exception {
        if (demo == null) {
            demo = TraceModel.load(DemoTrace.get()).snapshot();
        }
        return demo;
    }

    /** The demo run's events with {@code findings} instead of the detectors' (edge cases on real data). */
    public static ModelSnapshot demoWith(List<Finding> findings) throws Exception {
        TraceContents contents = TraceReader.readAll(DemoTrace.get());
        ModelBuilder builder = new ModelBuilder();
        builder.open(contents.run());
        for (Event e : contents.events()) {
            builder.fold(e);
        }
        return builder.snapshot(findings, true, null);
    }
}
