package dev.sluice.trace;

import dev.sluice.event.EventBody;
import dev.sluice.event.EventEnum;
import dev.sluice.event.EventKind;
import dev.sluice.event.FieldType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;

/**
 * Writes one kind's fields into their slots through accessors typed per field (String, long, int,
 * boolean, enum), bound once: no boxing and no per-row lookup on the recorder's path.
 */
final class KindEncoder {

    private enum Access { TEXT, ENUM, LONG, INT, BOOLEAN }

    private final Access[] access;
    private final MethodHandle[] accessors;
    private final int[] slots;

    KindEncoder(EventKind kind) {
        RecordComponent[] components = kind.type().getRecordComponents();
        access = new Access[components.length];
        accessors = new MethodHandle[components.length];
        slots = new int[components.length];
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            EventKind.Field f = kind.fields().get(i);
            slots[i] = f.slotIndex();
            access[i] = f.type() == FieldType.TEXT ? (t.isEnum() ? Access.ENUM : Access.TEXT)
                    : t == long.class ? Access.LONG : t == int.class ? Access.INT : Access.BOOLEAN;
            Class<?> returned = access[i] == Access.ENUM ? Object.class : t;
            try {
                accessors[i] = lookup.unreflect(components[i].getAccessor())
                        .asType(MethodType.methodType(returned, EventBody.class));
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("event kind " + kind.name() + " must be a public record", e);
            }
        }
    }

    void write(EventBody body, int row, BatchDictionary.Text[] text, BatchDictionary.Numbers[] numbers) {
        try {
            for (int i = 0; i < access.length; i++) {
                MethodHandle a = accessors[i];
                switch (access[i]) {
                    case TEXT -> text[slots[i]].set(row, (String) a.invokeExact(body));
                    case ENUM -> {
                        Object v = (Object) a.invokeExact(body);
                        text[slots[i]].set(row, v == null ? null : ((EventEnum) v).id());
                    }
                    case LONG -> numbers[slots[i]].set(row, (long) a.invokeExact(body));
                    case INT -> numbers[slots[i]].set(row, (int) a.invokeExact(body));
                    case BOOLEAN -> numbers[slots[i]].set(row, (boolean) a.invokeExact(body) ? 1 : 0);
                }
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot read the fields of " + body, t);
        }
    }
}
