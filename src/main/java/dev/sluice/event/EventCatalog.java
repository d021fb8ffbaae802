package dev.sluice.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every event kind Sluice knows, found through the sealed {@link EventBody} hierarchy. Kinds are
 * numbered in a stable order (per-engine families in permits order), which the pipeline uses to
 * count drops per kind without hashing.
 */
public final class EventCatalog {

    /** The most text and integer slots one kind may use; the trace schema has exactly these. */
    public static final int TEXT_SLOTS = 8;
    public static final int INTEGER_SLOTS = 12;

    private static final List<EventKind> KINDS;
    private static final Map<String, EventKind> BY_NAME;
    /**
     * Catalog index by record class, an open-addressing table probed by identity hash: detectors and
     * views ask once per event, and a {@code ClassValue} costs several times this probe.
     */
    private static final Class<?>[] INDEX_KEYS;
    private static final int[] INDEX_VALUES;

    static {
        List<EventKind> kinds = new ArrayList<>();
        Map<String, EventKind> byName = new LinkedHashMap<>();
        for (Class<?> family : EventBody.class.getPermittedSubclasses()) {
            Engine engine = engineOf(family);
            for (Class<?> type : family.getPermittedSubclasses()) {
                @SuppressWarnings("unchecked")
                EventKind kind = new EventKind(engine, (Class<? extends EventBody>) type);
                if (kind.textSlots() > TEXT_SLOTS || kind.integerSlots() > INTEGER_SLOTS) {
                    throw new ExceptionInInitializerError(kind.name() + " has more fields than the trace has slots");
                }
                if (byName.put(kind.name(), kind) != null) {
                    throw new ExceptionInInitializerError("two event kinds named " + kind.name());
                }
                kinds.add(kind);
            }
        }
        KINDS = Collections.unmodifiableList(kinds);
        BY_NAME = Collections.unmodifiableMap(byName);
        int capacity = Integer.highestOneBit(Math.max(1, kinds.size()) * 4);
        INDEX_KEYS = new Class<?>[capacity];
        INDEX_VALUES = new int[capacity];
        for (int index = 0; index < kinds.size(); index++) {
            Class<?> type = kinds.get(index).type();
            int slot = System.identityHashCode(type) & (capacity - 1);
            while (INDEX_KEYS[slot] != null) {
                slot = (slot + 1) & (capacity - 1);
            }
            INDEX_KEYS[slot] = type;
            INDEX_VALUES[slot] = index;
        }
    }

    private EventCatalog() {
    }

    private static Engine engineOf(Class<?> family) {
        if (family == S3Event.class) {
            return Engine.S3;
        }
        if (family == FlightEvent.class) {
            return Engine.FLIGHT;
        }
        if (family == DeltaEvent.class) {
            return Engine.DELTA;
        }
        return Engine.APP;
    }

    public static List<EventKind> kinds() {
        return KINDS;
    }

    public static int size() {
        return KINDS.size();
    }

    /** The kind named {@code name}, or null if this version of Sluice does not know it. */
    public static EventKind byName(String name) {
        return BY_NAME.get(name);
    }

    public static EventKind of(EventBody body) {
        return KINDS.get(indexOf(body));
    }

    /** The kind's stable index in {@link #kinds()}. */
    public static int indexOf(EventBody body) {
        Class<?> type = body.getClass();
        int mask = INDEX_KEYS.length - 1;
        for (int slot = System.identityHashCode(type) & mask; ; slot = (slot + 1) & mask) {
            Class<?> key = INDEX_KEYS[slot];
            if (key == type) {
                return INDEX_VALUES[slot];
            }
            if (key == null) {
                throw new IllegalArgumentException("not an event kind: " + type.getName());
            }
        }
    }
}
