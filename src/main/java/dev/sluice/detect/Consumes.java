package dev.sluice.detect;

import dev.sluice.event.Engine;
import dev.sluice.event.EventBody;
import dev.sluice.event.EventKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which events a detector reads ({@link Detector#consumes()}): every event, or only some kinds (or
 * engines). The suite passes each event only to the detectors that read its kind, so a rule about
 * Delta commits costs nothing per S3 request.
 */
public final class Consumes {

    private static final Consumes ALL = new Consumes(null, EnumSet.allOf(Engine.class));

    /** The kinds read, by record type; null: decided by engine alone. */
    private final Set<Class<?>> kinds;
    private final Set<Engine> engines;

    private Consumes(Set<Class<?>> kinds, Set<Engine> engines) {
        this.kinds = kinds;
        this.engines = engines;
    }

    /** Every event: for a rule that reads time, or anything, from events of every kind. */
    public static Consumes all() {
        return ALL;
    }

    /** Only events of these kinds (event record types); {@code onEvent} must ignore every other kind. */
    public static Consumes kinds(Class<?>... kinds) {
        if (kinds.length == 0) {
            throw new IllegalArgumentException("a detector reads at least one event kind; give one or use all()");
        }
        for (Class<?> k : kinds) {
            if (!EventBody.class.isAssignableFrom(k) || !k.isRecord()) {
                throw new IllegalArgumentException(k.getName() + " is not an event kind; give event record types"
                        + " such as S3Event.ClientCreated.class");
            }
        }
        return new Consumes(Set.of(kinds), EnumSet.noneOf(Engine.class));
    }

    /** Every event of these engines. */
    public static Consumes engines(Engine first, Engine... more) {
        return new Consumes(null, EnumSet.of(first, more));
    }

    /** Whether a detector declaring this reads events of {@code kind}. */
    public boolean reads(EventKind kind) {
        return kinds == null ? engines.contains(kind.engine()) : kinds.contains(kind.type());
    }
}
