package dev.sluice.event;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * One event kind: its record class, engine, and the fields of its body in declaration order, each
 * mapped to a typed slot ({@code s1}, {@code s2}, ... for text; {@code n1}, {@code n2}, ... for
 * integers). Accessors and the canonical constructor are bound once, so encoding and decoding is
 * reflection-free on the hot path.
 */
public final class EventKind {

    /** One component of the body record. */
    public record Field(String name, FieldType type, Class<?> javaType, String slot, int slotIndex,
                        MethodHandle accessor) {

        /** The component's value as stored in its slot: a String, or a long. */
        Object read(EventBody body) {
            try {
                Object v = (Object) accessor.invokeExact(body);
                if (type == FieldType.TEXT) {
                    return v == null ? null : (v instanceof Enum<?> e ? e.name() : (String) v);
                }
                if (v instanceof Boolean b) {
                    return b ? 1L : 0L;
                }
                return ((Number) v).longValue();
            } catch (Throwable t) {
                throw new IllegalStateException("cannot read " + name + " of " + body, t);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Object toJava(Object stored) {
            if (type == FieldType.TEXT) {
                if (stored == null || javaType == String.class) {
                    return stored;
                }
                return Enum.valueOf((Class<Enum>) javaType, (String) stored);
            }
            long v = stored == null ? 0L : (Long) stored;
            if (javaType == long.class) {
                return v;
            }
            if (javaType == int.class) {
                return (int) v;
            }
            return v != 0;
        }
    }

    private final String name;
    private final Engine engine;
    private final Class<? extends EventBody> type;
    private final List<Field> fields;
    private final int textSlots;
    private final int integerSlots;
    private final MethodHandle constructor;

    EventKind(Engine engine, Class<? extends EventBody> type) {
        this.name = type.getSimpleName();
        this.engine = engine;
        this.type = type;
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(type + " is not a record");
        }
        List<Field> list = new ArrayList<>();
        Class<?>[] params = new Class<?>[components.length];
        int text = 0;
        int integer = 0;
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                Class<?> t = c.getType();
                params[i] = t;
                FieldType ft;
                if (t == String.class || t.isEnum()) {
                    ft = FieldType.TEXT;
                } else if (t == long.class || t == int.class || t == boolean.class) {
                    ft = FieldType.INTEGER;
                } else {
                    throw new IllegalArgumentException(type.getName() + "." + c.getName()
                            + ": unsupported field type " + t.getName());
                }
                int index = ft == FieldType.TEXT ? text++ : integer++;
                String slot = (ft == FieldType.TEXT ? "s" : "n") + (index + 1);
                // typed (EventBody)Object so that invokeExact needs no adaptation per call
                MethodHandle accessor = lookup.unreflect(c.getAccessor())
                        .asType(MethodType.methodType(Object.class, EventBody.class));
                list.add(new Field(c.getName(), ft, t, slot, index, accessor));
            }
            this.constructor = lookup.findConstructor(type, MethodType.methodType(void.class, params))
                    .asSpreader(Object[].class, params.length)
                    .asType(MethodType.methodType(EventBody.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("event kind " + type.getName() + " must be a public record", e);
        }
        this.fields = List.copyOf(list);
        this.textSlots = text;
        this.integerSlots = integer;
    }

    public String name() {
        return name;
    }

    public Engine engine() {
        return engine;
    }

    public Class<? extends EventBody> type() {
        return type;
    }

    public List<Field> fields() {
        return fields;
    }

    public int textSlots() {
        return textSlots;
    }

    public int integerSlots() {
        return integerSlots;
    }

    /** The body's field values in declaration order, as stored (String or Long). */
    public Object[] values(EventBody body) {
        Object[] out = new Object[fields.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fields.get(i).read(body);
        }
        return out;
    }

    /** Builds a body from stored values in declaration order (String or Long, null allowed). */
    public EventBody create(Object[] stored) {
        Object[] args = new Object[fields.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = fields.get(i).toJava(stored[i]);
        }
        try {
            return (EventBody) constructor.invokeExact(args);
        } catch (Throwable t) {
            throw new IllegalArgumentException("cannot build " + name + ": " + t.getMessage(), t);
        }
    }
}
