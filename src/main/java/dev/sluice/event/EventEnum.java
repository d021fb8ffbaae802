package dev.sluice.event;

import java.util.Locale;

/**
 * A closed set of values of an event field. Traces store a constant by its {@link #id()}, the
 * lower-case text written before these fields were typed ({@code PER_THREAD} is {@code per-thread}),
 * so old traces load and generic Arrow readers see the same strings.
 */
public interface EventEnum {

    /** The stable text of this constant in traces, settings and messages. */
    default String id() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code type} whose id is {@code id}, or null when there is none. */
    static <E extends Enum<E> & EventEnum> E byId(Class<E> type, String id) {
        for (E e : type.getEnumConstants()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return null;
    }
}
