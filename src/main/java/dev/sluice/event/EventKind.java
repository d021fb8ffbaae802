package dev.sluice.event;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event kind: its record class, engine, and the fields of its body in declaration order, each
 * mapped to a typed slot ({@code s1}, {@code s2}, ... for text; {@code n1}, {@code n2}, ... for
 * integers). Accessors and the canonical constructor are bound once, so encoding and decoding is
 * reflection-free on the hot path.
 *
 * <p>Each field also knows which values are valid, derived once from its declaration: text is
 * required unless marked {@link Nullable}; numbers are 0 or more unless marked {@link Signed};
 * {@code int} fields fit an int, {@code boolean} fields are 0 or 1, enum fields (each an
 * {@link EventEnum}, stored by its id) hold the id of a constant.
 * {@link #validate(EventBody)} and {@link #checkStored(Object[])} apply that with no reflection.
 */
public final class EventKind {

    /** One component of the body record. */
    public record Field(String name, FieldType type, Class<?> javaType, String slot, int slotIndex,
                        MethodHandle accessor, boolean nullable, long min, long max, Map<String, Object> enumIds) {

        /** The component's value as stored in its slot: a String, or a long. */
        Object read(EventBody body) {
            try {
                Object v = (Object) accessor.invokeExact(body);
                if (type == FieldType.TEXT) {
                    return v == null ? null : (v instanceof EventEnum e ? e.id() : (String) v);
                }
                if (v instanceof Boolean b) {
                    return b ? 1L : 0L;
                }
                return ((Number) v).longValue();
            } catch (Throwable t) {
                throw new IllegalStateException("cannot read " + name + " of " + body, t);
            }
        }

        Object toJava(Object stored) {
            if (type == FieldType.TEXT) {
                if (stored == null || enumIds == null) {
                    return stored;
                }
                Object constant = enumIds.get(stored);
                if (constant == null) {
                    throw new IllegalArgumentException(name + " is '" + stored + "', not one of " + enumIds.keySet());
                }
                return constant;
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
                boolean nullable = c.isAnnotationPresent(Nullable.class);
                boolean signed = c.isAnnotationPresent(Signed.class);
                if ((nullable && ft != FieldType.TEXT) || (signed && ft != FieldType.INTEGER) || (signed && t == boolean.class)) {
                    throw new IllegalArgumentException(type.getName() + "." + c.getName()
                            + ": @Nullable is for text, @Signed for long and int components");
                }
                long min = t == boolean.class ? 0 : !signed ? 0 : t == int.class ? Integer.MIN_VALUE : Long.MIN_VALUE;
                long max = t == boolean.class ? 1 : t == int.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
                Map<String, Object> enumIds = null;
                if (t.isEnum()) {
                    if (!EventEnum.class.isAssignableFrom(t)) {
                        throw new IllegalArgumentException(type.getName() + "." + c.getName()
                                + ": an enum field must implement EventEnum (traces store its id)");
                    }
                    Map<String, Object> ids = new LinkedHashMap<>();
                    for (Object constant : t.getEnumConstants()) {
                        ids.put(((EventEnum) constant).id(), constant);
                    }
                    enumIds = Collections.unmodifiableMap(ids);
                }
                list.add(new Field(c.getName(), ft, t, slot, index, accessor, nullable, min, max, enumIds));
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

    /**
     * What is wrong with {@code body} (e.g. {@code RequestCompleted.client is missing}), or null when
     * every field holds a value this kind allows. The live pipeline and the trace reader share it.
     */
    public String validate(EventBody body) {
        return checkStored(values(body));
    }

    /**
     * What is wrong with decoded values in declaration order (String or Long; null for missing),
     * or null when {@link #create(Object[])} may build a body from them.
     */
    public String checkStored(Object[] stored) {
        for (int i = 0; i < stored.length; i++) {
            Field f = fields.get(i);
            Object v = stored[i];
            if (v == null) {
                if (f.type == FieldType.INTEGER || !f.nullable) {
                    return name + "." + f.name + " is missing";
                }
            } else if (f.type == FieldType.INTEGER) {
                long n = (Long) v;
                if (n < f.min || n > f.max) {
                    return name + "." + f.name + " is " + n + " (" + allowed(f) + ")";
                }
            } else if (f.enumIds != null && !f.enumIds.containsKey((String) v)) {
                return name + "." + f.name + " is '" + printable((String) v) + "' (must be one of " + String.join(", ", f.enumIds.keySet()) + ")";
            }
        }
        return null;
    }

    private static String allowed(Field f) {
        if (f.javaType == boolean.class) {
            return "must be 0 or 1";
        }
        if (f.min == 0) {
            return "must be 0 or more" + (f.javaType == int.class ? " and at most " + Integer.MAX_VALUE : "");
        }
        return "must be from " + f.min + " to " + f.max;
    }

    /** A value read from a file, safe in a one-line message: cut at 40 characters, only printable ASCII. */
    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
