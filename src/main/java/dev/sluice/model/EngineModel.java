package dev.sluice.model;

import dev.sluice.event.Engine;
import dev.sluice.event.Event;
import dev.sluice.model.delta.DeltaModel;
import dev.sluice.model.flight.FlightModel;
import dev.sluice.model.s3.S3Model;
import java.util.List;
import java.util.function.Supplier;

/**
 * One engine's slice of the model: it folds its own family's events (and ignores the rest) and
 * freezes them into its {@link EnginePart} of each snapshot. {@link #MODULES} is the registration:
 * adding an engine to the model is its own package and one line there.
 */
public interface EngineModel {

    /** Every engine's slice, in the order the builder folds them. */
    List<Supplier<EngineModel>> MODULES = List.of(
            S3Model::new,
            FlightModel::new,
            DeltaModel::new);

    /** The engine whose events this slice folds. */
    Engine engine();

    /**
     * Folds one event of this slice's engine ({@link ModelBuilder} routes each event by its engine);
     * {@code marks} are the timeline's marks, shared by every engine.
     */
    void fold(Event event, AppendLog<Mark> marks);

    /** The state so far, frozen; the append-only parts are shared with the snapshot, not copied. */
    EnginePart freeze();
}
