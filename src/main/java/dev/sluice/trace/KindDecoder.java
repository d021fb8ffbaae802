package dev.sluice.trace;

import dev.sluice.event.EventBody;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import dev.sluice.event.FieldType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds one kind's body straight from a row: the canonical constructor with each argument read by
 * a reader bound to its slot and typed to its component (String, enum, long, int, boolean), composed
 * once into one method handle, so a row costs no map, boxing or reflection. Each reader applies the
 * field's rules ({@link EventKind.Field}: required text, range, enum ids), precomputed per kind;
 * a value that breaks one aborts the row with {@link #INVALID}, and the caller asks
 * {@link EventKind#checkStored} for the message, so the rules and their wording stay those of the
 * live pipeline.
 */
final class KindDecoder {

    /** The row being decoded: the batch's columns and the row index. */
    static final class Row {
        BatchColumns.Column[] text;
        BatchColumns.Column[] numbers;
        int row;
        /** Counts batches, so that each batch's enum constants are resolved afresh. */
        int batch;
        private final Object[][] enums = new Object[EventCatalog.TEXT_SLOTS * ENUM_FIELDS.size()][];
        private final int[] enumsBatch = new int[enums.length];

        /**
         * The enum constants of field {@code table}'s ids in text slot {@code slot}'s dictionary, by
         * dictionary index (null: not resolved yet), for the current batch.
         */
        Object[] enums(int slot, int table, int size) {
            int key = slot * ENUM_FIELDS.size() + table;
            Object[] resolved = enums[key];
            if (enumsBatch[key] != batch || resolved == null) {
                if (resolved == null || resolved.length < size) {
                    resolved = new Object[Math.max(size, 16)];
                    enums[key] = resolved;
                } else {
                    Arrays.fill(resolved, 0, size, null);
                }
                enumsBatch[key] = batch;
            }
            return resolved;
        }

        /** The required text in slot {@code slot}; {@link #INVALID} when it is null. */
        String text(int slot) throws RowDecoder.CorruptRow {
            String s = text[slot].text(row);
            if (s == null) {
                throw INVALID;
            }
            return s;
        }

        /** The text in slot {@code slot}, or null. */
        String nullableText(int slot) throws RowDecoder.CorruptRow {
            return text[slot].text(row);
        }

        /** The number in slot {@code slot}; {@link #INVALID} when it is null or outside {@code min..max}. */
        long number(int slot, long min, long max) throws RowDecoder.CorruptRow {
            BatchColumns.Column c = numbers[slot];
            int i = c.number(row);
            if (i < 0) {
                throw INVALID;
            }
            long v = c.longs[i];
            if (v < min || v > max) {
                throw INVALID;
            }
            return v;
        }

        /** The enum constant whose id is in slot {@code slot}; {@link #INVALID} for no id of {@code field}'s enum. */
        @SuppressWarnings("ReferenceEquality") // NOT_AN_ID is a marker
        Object enumValue(int slot, EnumField field) throws RowDecoder.CorruptRow {
            BatchColumns.Column c = text[slot];
            int i = c.index(row);
            String s = i < 0 ? null : c.strings[i];
            if (s == null) {
                if (field.nullable) {
                    return null;
                }
                throw INVALID;
            }
            // the readers are shared, so the batch's resolved ids live in the row
            Object[] resolved = enums(slot, field.table, c.size());
            Object constant = resolved[i];
            if (constant == null) {
                constant = field.ids.getOrDefault(s, NOT_AN_ID);
                resolved[i] = constant;
            }
            if (constant == NOT_AN_ID) {
                throw INVALID;
            }
            return constant;
        }
    }

    /** An enum field's rules: its ids (by identity, an index into the row's cache) and whether it may be null. */
    static final class EnumField {
        private final Map<String, Object> ids;
        private final int table;
        private final boolean nullable;

        private EnumField(Map<String, Object> ids, boolean nullable) {
            this.ids = ids;
            this.table = enumTable(ids);
            this.nullable = nullable;
        }

        /** Field {@code field} of catalog kind {@code kind}, which must be an enum field. */
        static EnumField of(int kind, int field) {
            EventKind.Field f = EventCatalog.kinds().get(kind).fields().get(field);
            return new EnumField(f.enumIds(), f.nullable());
        }
    }

    /** Every enum field's table of ids in the catalog (by identity), so a row's cache can be an array. */
    private static final List<Map<String, Object>> ENUM_FIELDS = enumFields();
    /** Marks a dictionary value that is no id of the field's enum. */
    private static final Object NOT_AN_ID = new Object();

    private static List<Map<String, Object>> enumFields() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EventKind k : EventCatalog.kinds()) {
            for (EventKind.Field f : k.fields()) {
                if (f.enumIds() != null) {
                    out.add(f.enumIds());
                }
            }
        }
        return List.copyOf(out);
    }

    private static int enumTable(Map<String, Object> ids) {
        for (int i = 0; i < ENUM_FIELDS.size(); i++) {
            if (ENUM_FIELDS.get(i) == ids) {
                return i;
            }
        }
        throw new IllegalArgumentException("not an enum field of the catalog: " + ids.keySet());
    }

    /** A field's value breaks its kind's rules; thrown without a stack trace, the message comes after. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private Invalid() {
            super("invalid field", null, false, false);
        }
    }

    @SuppressWarnings("StaticAssignmentOfThrowable") // stackless and immutable: thrown per invalid row, costs no allocation
    static final Invalid INVALID = new Invalid();

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private final MethodHandle build;
    /** The kind's index in {@link KindBuilders} when the trace puts its fields where this Sluice does; else -1. */
    private final int constant;

    /** @param slots the slot of each field in the trace, or -1 for a field the trace's Sluice did not have */
    KindDecoder(EventKind kind, int[] slots) {
        int index = EventCatalog.kinds().indexOf(kind);
        boolean standard = Arrays.equals(slots, defaultSlots(kind));
        constant = standard ? index : -1;
        build = standard ? null : handle(kind, slots);
    }

    /** The slot of each field of {@code kind} as this Sluice writes it. */
    private static int[] defaultSlots(EventKind kind) {
        int[] slots = new int[kind.fields().size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = kind.fields().get(i).slotIndex();
        }
        return slots;
    }

    /** The handle (Row)EventBody that builds {@code kind} from a row whose fields are in {@code slots}. */
    static MethodHandle handle(EventKind kind, int[] slots) {
        RecordComponent[] components = kind.type().getRecordComponents();
        Class<?>[] params = new Class<?>[components.length];
        for (int i = 0; i < params.length; i++) {
            params[i] = components[i].getType();
        }
        try {
            MethodHandle h = MethodHandles.publicLookup().findConstructor(kind.type(),
                    MethodType.methodType(void.class, params));
            for (int i = 0; i < params.length; i++) {
                h = MethodHandles.filterArguments(h, i, reader(kind.fields().get(i), params[i], slots[i]));
            }
            MethodType one = MethodType.methodType(kind.type(), Row.class);
            h = params.length == 0 ? MethodHandles.dropArguments(h, 0, Row.class)
                    : MethodHandles.permuteArguments(h, one, new int[params.length]);
            return h.asType(MethodType.methodType(EventBody.class, Row.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("event kind " + kind.name() + " must be a public record", e);
        }
    }

    /** The body of the row; {@link #INVALID} when a field breaks its rules. */
    EventBody decode(Row row) throws RowDecoder.CorruptRow {
        try {
            return constant >= 0 ? KindBuilders.build(constant, row) : (EventBody) build.invokeExact(row);
        } catch (Invalid | RowDecoder.CorruptRow e) {
            throw e;
        } catch (Throwable t) {
            // a record's own constructor refused the values
            throw new IllegalArgumentException("cannot build the event: " + t.getMessage(), t);
        }
    }

    private static MethodHandle reader(EventKind.Field f, Class<?> type, int slot) throws ReflectiveOperationException {
        if (slot < 0) {
            return missing(f, type);
        }
        Object reader;
        Class<?> returned;
        if (f.type() == FieldType.TEXT) {
            reader = f.enumIds() == null ? new TextRead(slot, f.nullable()) : new EnumRead(slot, f.nullable(), f.enumIds());
            returned = f.enumIds() == null ? String.class : Object.class;
        } else {
            reader = new NumberRead(slot, f.min(), f.max());
            returned = long.class;
        }
        MethodHandle h = LOOKUP.findVirtual(reader.getClass(), "read", MethodType.methodType(returned, Row.class))
                .bindTo(reader);
        if (type == int.class) {
            h = MethodHandles.filterReturnValue(h, LOOKUP.findStatic(KindDecoder.class, "toInt",
                    MethodType.methodType(int.class, long.class)));
        } else if (type == boolean.class) {
            h = MethodHandles.filterReturnValue(h, LOOKUP.findStatic(KindDecoder.class, "toBoolean",
                    MethodType.methodType(boolean.class, long.class)));
        }
        return h.asType(MethodType.methodType(type, Row.class));
    }

    /** A field the trace's Sluice did not have: empty text or 0 (null for nullable text); never a required enum. */
    private static MethodHandle missing(EventKind.Field f, Class<?> type) throws ReflectiveOperationException {
        if (f.enumIds() != null && !f.nullable()) {
            return LOOKUP.findStatic(KindDecoder.class, "invalid", MethodType.methodType(Object.class, Row.class))
                    .asType(MethodType.methodType(type, Row.class));
        }
        Object value = f.type() == FieldType.TEXT ? (f.nullable() ? null : "")
                : type == long.class ? (Object) 0L : type == int.class ? (Object) 0 : (Object) false;
        MethodHandle constant = MethodHandles.constant(type, value);
        return MethodHandles.dropArguments(constant, 0, Row.class);
    }

    @SuppressWarnings("unused") // bound by method handle
    private static Object invalid(Row row) {
        throw INVALID; // the old encoding's empty text is no enum id: checkStored says which
    }

    @SuppressWarnings("unused") // bound by method handle: the range was checked
    private static int toInt(long v) {
        return (int) v;
    }

    @SuppressWarnings("unused") // bound by method handle: the range (0..1) was checked
    private static boolean toBoolean(long v) {
        return v != 0;
    }

    private static final class TextRead {
        private final int slot;
        private final boolean nullable;

        TextRead(int slot, boolean nullable) {
            this.slot = slot;
            this.nullable = nullable;
        }

        @SuppressWarnings("unused") // bound by method handle
        String read(Row r) throws RowDecoder.CorruptRow {
            return nullable ? r.nullableText(slot) : r.text(slot);
        }
    }

    private static final class EnumRead {
        private final int slot;
        private final EnumField field;

        EnumRead(int slot, boolean nullable, Map<String, Object> ids) {
            this.slot = slot;
            this.field = new EnumField(ids, nullable);
        }

        @SuppressWarnings("unused") // bound by method handle
        Object read(Row r) throws RowDecoder.CorruptRow {
            return r.enumValue(slot, field);
        }
    }

    private static final class NumberRead {
        private final int slot;
        private final long min;
        private final long max;

        NumberRead(int slot, long min, long max) {
            this.slot = slot;
            this.min = min;
            this.max = max;
        }

        @SuppressWarnings("unused") // bound by method handle
        long read(Row r) throws RowDecoder.CorruptRow {
            return r.number(slot, min, max);
        }
    }
}
