package dev.sluice.ui.compare;

import dev.sluice.compare.ComparedRun;
import dev.sluice.compare.Comparison;
import dev.sluice.event.Event;
import dev.sluice.model.ModelBuilder;
import dev.sluice.model.ModelSnapshot;

/**
 * What the compare window shows: the comparison and each run folded into the model its views draw
 * (with the findings the comparison already has, so nothing is analysed twice).
 */
public record Compared(Comparison comparison, ModelSnapshot a, ModelSnapshot b) {

    /** Folds both runs' events into their models; off the FX thread (a long run takes a while). */
    public static Compared of(Comparison c) {
        return new Compared(c, model(c.a()), model(c.b()));
    }

    private static ModelSnapshot model(ComparedRun run) {
        ModelBuilder builder = new ModelBuilder();
        builder.open(run.run());
        for (Event e : run.events()) {
            builder.fold(e);
        }
        return builder.snapshot(run.findings(), true, null);
    }
}
