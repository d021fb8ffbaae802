package dev.sluice.trace;

import dev.sluice.event.Engine;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import dev.sluice.event.FieldType;
import dev.sluice.event.RunInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ValueVectorUtility;

/** Turns rows back into events, mapping the trace's slots onto this version's kinds by field name. */
final class RowDecoder {
    private final String name;
    private final String runId;
    private final EventKind[] kindByCode;
    private final int[][] slotsByCode;
    private final KindDecoder[] decoders;
    /** Decoded text, shared by every text column: thread and client names repeat across columns and batches. */
    private final BatchColumns.Strings strings = new BatchColumns.Strings();
    private final BatchColumns.Column time = new BatchColumns.Column(TraceSchema.TIME);
    private final BatchColumns.Column kind = new BatchColumns.Column(TraceSchema.KIND);
    private final BatchColumns.Column engine = new BatchColumns.Column(TraceSchema.ENGINE);
    private final BatchColumns.Column thread = new BatchColumns.Column(TraceSchema.THREAD);
    private final BatchColumns.Column threadId = new BatchColumns.Column(TraceSchema.THREAD_ID);
    private final KindDecoder.Row cursor = new KindDecoder.Row();
    /** Built from the first record batch: the framing refuses dictionaries after it, so they never change. */
    private int[] codeMap;
    private Engine[] engines;
    long skipped;

    RowDecoder(String name, Schema schema, RunInfo run) throws TraceException {
        this.name = name;
        this.runId = run.runId();
        Map<String, TraceSchema.DeclaredKind> declared;
        try {
            declared = TraceSchema.parseKinds(schema.getCustomMetadata().get(TraceSchema.META_KINDS));
        } catch (IllegalArgumentException e) {
            throw new TraceException(name, "its kind table (" + TraceSchema.META_KINDS + ") is damaged: "
                    + e.getMessage(), e);
        }
        List<String> kindNames = new ArrayList<>(declared.keySet());
        kindByCode = new EventKind[kindNames.size()];
        slotsByCode = new int[kindNames.size()][];
        decoders = new KindDecoder[kindNames.size()];
        for (int code = 0; code < kindNames.size(); code++) {
            EventKind kind = EventCatalog.byName(kindNames.get(code));
            if (kind == null) {
                continue;
            }
            TraceSchema.DeclaredKind d = declared.get(kindNames.get(code));
            if (!kind.engine().id().equals(d.engine())) {
                throw new TraceException(name, "its kind table (" + TraceSchema.META_KINDS + ") is damaged: "
                        + kind.name() + " is listed under engine '" + TraceReader.printable(d.engine()) + "', not "
                        + kind.engine().id());
            }
            kindByCode[code] = kind;
            int[] map = new int[kind.fields().size()];
            for (int i = 0; i < map.length; i++) {
                EventKind.Field f = kind.fields().get(i);
                String slot = d.fields().get(f.name());
                if (slot == null) {
                    map[i] = -1; // an older Sluice's kind without this field
                    continue;
                }
                int index = Integer.parseInt(slot.substring(1)) - 1; // parseKinds checked the form
                boolean text = slot.charAt(0) == 's';
                if (text != (f.type() == FieldType.TEXT)
                        || index >= (text ? EventCatalog.TEXT_SLOTS : EventCatalog.INTEGER_SLOTS)) {
                    throw new TraceException(name, "its kind table (" + TraceSchema.META_KINDS + ") is damaged: "
                            + kind.name() + "." + f.name() + " is in slot " + slot + ", which cannot hold "
                            + (f.type() == FieldType.TEXT ? "text" : "a number"));
                }
                map[i] = index;
            }
            slotsByCode[code] = map;
            decoders[code] = new KindDecoder(kind, map);
        }
        cursor.text = new BatchColumns.Column[EventCatalog.TEXT_SLOTS];
        for (int i = 0; i < cursor.text.length; i++) {
            cursor.text[i] = new BatchColumns.Column(TraceSchema.textSlot(i));
        }
        cursor.numbers = new BatchColumns.Column[EventCatalog.INTEGER_SLOTS];
        for (int i = 0; i < cursor.numbers.length; i++) {
            cursor.numbers[i] = new BatchColumns.Column(TraceSchema.integerSlot(i));
        }
    }

    /** Decodes one batch; returns {events emitted, latest run time}. */
    long[] decode(ArrowStreamReader reader, Consumer<Event> sink, int batch, long offset)
            throws TraceException, IOException {
        int row = -1;
        try {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            int n = root.getRowCount();
            Map<Long, Dictionary> dictionaries = reader.getDictionaryVectors();
            time.times(root, dictionaries);
            FieldVector kinds = (FieldVector) column(root, TraceSchema.KIND, BaseIntVector.class);
            FieldVector engineColumn = (FieldVector) column(root, TraceSchema.ENGINE, BaseIntVector.class);
            if (codeMap == null) {
                codeMap = kindCodeMap(reader, root);
                engines = engineMap(reader, root);
            }
            kind.indices(kinds, codeMap.length);
            engine.indices(engineColumn, engines.length);
            boolean threads = thread.text(root.getVector(TraceSchema.THREAD), dictionaries, strings);
            if (!threads || !threadId.numbers(root.getVector(TraceSchema.THREAD_ID), dictionaries)) {
                throw new CorruptRow("column " + (threads ? TraceSchema.THREAD_ID : TraceSchema.THREAD)
                        + " is missing or has the wrong type");
            }
            cursor.batch++;
            for (int i = 0; i < cursor.text.length; i++) {
                cursor.text[i].text(root.getVector(TraceSchema.textSlot(i)), dictionaries, strings);
            }
            for (int i = 0; i < cursor.numbers.length; i++) {
                cursor.numbers[i].numbers(root.getVector(TraceSchema.integerSlot(i)), dictionaries);
            }
            long emitted = 0;
            long latest = 0;
            for (row = 0; row < n; row++) {
                int index = kind.raw(row);
                if (index == BatchColumns.Column.NULL) {
                    throw new CorruptRow("kind is missing");
                }
                if (index < 0 || index >= codeMap.length) {
                    throw new CorruptRow("kind index " + index + " is outside the kind dictionary");
                }
                int code = codeMap[index];
                KindDecoder decoder = code < 0 ? null : decoders[code];
                if (decoder == null) {
                    skipped++;
                    continue;
                }
                EventKind k = kindByCode[code];
                int e = engine.raw(row);
                if (e < 0 || e >= engines.length || engines[e] != k.engine()) {
                    throw new CorruptRow("engine does not match kind " + k.name());
                }
                int at = time.number(row);
                if (at < 0) {
                    throw new CorruptRow(time.timeColumn(row, true) + " is missing (every row needs a run time)");
                }
                String threadName = thread.text(row);
                if (threadName == null) {
                    throw new CorruptRow("thread is missing"); // detectors and models key on it
                }
                long t = time.longs[at];
                long id = threadId.number(row, 0);
                if (t < 0 || id < 0) {
                    throw new CorruptRow(t < 0 ? time.timeColumn(row, false) + " is " + t + " (must be 0 or more)"
                            : TraceSchema.THREAD_ID + " is " + id + " (must be 0 or more)");
                }
                cursor.row = row;
                EventBody body;
                try {
                    body = decoder.decode(cursor);
                } catch (KindDecoder.Invalid invalid) {
                    throw new CorruptRow(problem(k, slotsByCode[code], row));
                }
                sink.accept(new Event(runId, t, threadName, id, body));
                emitted++;
                latest = Math.max(latest, t);
            }
            return new long[] {emitted, latest};
        } catch (CorruptRow e) {
            throw new TraceException(name, "record batch " + batch + TraceReader.at(offset)
                    + (row >= 0 ? ", row " + (row + 1) : "") + ": " + e.getMessage(), e);
        } catch (TraceReader.SinkFailure e) {
            throw e;
        } catch (RuntimeException e) {
            // Arrow's own bounds checks on a damaged buffer of a trace without checksums
            throw new TraceException(name, "record batch " + batch + TraceReader.at(offset)
                    + (row >= 0 ? ", row " + (row + 1) : "") + " cannot be decoded: its buffers are damaged", e);
        }
    }

    /**
     * What is wrong with a row a {@link KindDecoder} refused, in the words of {@link EventKind#checkStored}
     * (the slow path: only for a row that is not an event).
     */
    private String problem(EventKind k, int[] slots, int row) throws CorruptRow {
        Object[] stored = new Object[slots.length];
        for (int i = 0; i < slots.length; i++) {
            int slot = slots[i];
            EventKind.Field f = k.fields().get(i);
            if (slot < 0) {
                // a field the trace's Sluice did not have: empty text or 0, never null
                stored[i] = f.type() == FieldType.TEXT ? (f.nullable() ? null : "") : 0L;
            } else if (f.type() == FieldType.TEXT) {
                stored[i] = cursor.text[slot].text(row);
            } else {
                BatchColumns.Column c = cursor.numbers[slot];
                int at = c.number(row);
                stored[i] = at < 0 ? null : (Object) c.longs[at];
            }
        }
        String problem = k.checkStored(stored);
        if (problem == null) {
            throw new IllegalStateException(k.name() + ": the decoder refused a row that checkStored accepts");
        }
        return problem;
    }

    private static <T> T column(VectorSchemaRoot root, String name, Class<T> type) throws CorruptRow {
        T v = optionalColumn(root, name, type);
        if (v == null) {
            throw new CorruptRow("column " + name + " is missing or has the wrong type");
        }
        return v;
    }

    private static <T> T optionalColumn(VectorSchemaRoot root, String name, Class<T> type) {
        FieldVector v = root.getVector(name);
        return type.isInstance(v) ? type.cast(v) : null;
    }

    private static VarCharVector dictionary(ArrowStreamReader reader, VectorSchemaRoot root, String column)
            throws CorruptRow, IOException {
        Field field = root.getSchema().findField(column);
        Dictionary dictionary = field.getDictionary() == null ? null
                : reader.getDictionaryVectors().get(field.getDictionary().getId());
        if (dictionary == null || !(dictionary.getVector() instanceof VarCharVector values)) {
            throw new CorruptRow("the " + column + " dictionary is missing or is not text");
        }
        try {
            ValueVectorUtility.validateFull(values); // small: every name once
        } catch (RuntimeException e) {
            throw new CorruptRow("the " + column + " dictionary is damaged");
        }
        return values;
    }

    /** Maps this batch's kind dictionary indices to codes of the declared kind table. */
    private int[] kindCodeMap(ArrowStreamReader reader, VectorSchemaRoot root) throws CorruptRow, IOException {
        VarCharVector values = dictionary(reader, root, TraceSchema.KIND);
        int[] map = new int[values.getValueCount()];
        Map<String, Integer> codeOfName = new HashMap<>();
        for (int c = 0; c < kindByCode.length; c++) {
            if (kindByCode[c] != null) {
                codeOfName.putIfAbsent(kindByCode[c].name(), c);
            }
        }
        for (int i = 0; i < map.length; i++) {
            map[i] = values.isNull(i) ? -1
                    : codeOfName.getOrDefault(new String(values.get(i), StandardCharsets.UTF_8), -1);
        }
        return map;
    }

    /** This batch's engine dictionary as engines (null for a name this Sluice does not know). */
    private static Engine[] engineMap(ArrowStreamReader reader, VectorSchemaRoot root) throws CorruptRow, IOException {
        VarCharVector values = dictionary(reader, root, TraceSchema.ENGINE);
        Engine[] map = new Engine[values.getValueCount()];
        for (int i = 0; i < map.length; i++) {
            String id = values.isNull(i) ? "" : new String(values.get(i), StandardCharsets.UTF_8);
            for (Engine e : Engine.values()) {
                if (e.id().equals(id)) {
                    map[i] = e;
                }
            }
        }
        return map;
    }

    /** A row that cannot be an event; the message says which field and why. */
    static final class CorruptRow extends Exception {
        CorruptRow(String problem) {
            super(problem);
        }
    }
}
