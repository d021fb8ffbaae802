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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.SmallIntVector;
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
    private final StringColumn thread = new StringColumn();
    private final StringColumn[] textColumns = new StringColumn[EventCatalog.TEXT_SLOTS];
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
        }
        for (int i = 0; i < textColumns.length; i++) {
            textColumns[i] = new StringColumn();
        }
    }

    /** Decodes one batch; returns {events emitted, latest run time}. */
    long[] decode(ArrowStreamReader reader, Consumer<Event> sink, int batch, long offset)
            throws TraceException, IOException {
        int row = -1;
        try {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            int n = root.getRowCount();
            BigIntVector time = column(root, TraceSchema.TIME, BigIntVector.class);
            SmallIntVector kind = column(root, TraceSchema.KIND, SmallIntVector.class);
            SmallIntVector engine = column(root, TraceSchema.ENGINE, SmallIntVector.class);
            VarCharVector threadVector = column(root, TraceSchema.THREAD, VarCharVector.class);
            BigIntVector threadIds = column(root, TraceSchema.THREAD_ID, BigIntVector.class);
            if (codeMap == null) {
                codeMap = kindCodeMap(reader, root);
                engines = engineMap(reader, root);
            }
            VarCharVector[] text = new VarCharVector[EventCatalog.TEXT_SLOTS];
            BigIntVector[] integers = new BigIntVector[EventCatalog.INTEGER_SLOTS];
            for (int i = 0; i < text.length; i++) {
                text[i] = optionalColumn(root, TraceSchema.textSlot(i), VarCharVector.class);
            }
            for (int i = 0; i < integers.length; i++) {
                integers[i] = optionalColumn(root, TraceSchema.integerSlot(i), BigIntVector.class);
            }
            long emitted = 0;
            long latest = 0;
            for (row = 0; row < n; row++) {
                if (kind.isNull(row)) {
                    throw new CorruptRow("kind is missing");
                }
                int index = kind.get(row);
                if (index < 0 || index >= codeMap.length) {
                    throw new CorruptRow("kind index " + index + " is outside the kind dictionary");
                }
                int code = codeMap[index];
                EventKind k = code < 0 ? null : kindByCode[code];
                if (k == null) {
                    skipped++;
                    continue;
                }
                if (engine.isNull(row) || engine.get(row) < 0 || engine.get(row) >= engines.length
                        || engines[engine.get(row)] != k.engine()) {
                    throw new CorruptRow("engine does not match kind " + k.name());
                }
                if (time.isNull(row)) {
                    throw new CorruptRow(TraceSchema.TIME + " is missing");
                }
                if (threadVector.isNull(row)) {
                    throw new CorruptRow("thread is missing"); // detectors and models key on it
                }
                long t = time.get(row);
                long threadId = threadIds.isNull(row) ? 0 : threadIds.get(row);
                if (t < 0 || threadId < 0) {
                    throw new CorruptRow(t < 0 ? TraceSchema.TIME + " is " + t + " (must be 0 or more)"
                            : TraceSchema.THREAD_ID + " is " + threadId + " (must be 0 or more)");
                }
                int[] slots = slotsByCode[code];
                Object[] stored = new Object[slots.length];
                for (int i = 0; i < slots.length; i++) {
                    int slot = slots[i];
                    EventKind.Field f = k.fields().get(i);
                    if (slot < 0) {
                        // a field the trace's Sluice did not have: empty text or 0, never null
                        stored[i] = f.type() == FieldType.TEXT ? (f.nullable() ? null : "") : 0L;
                    } else if (f.type() == FieldType.TEXT) {
                        VarCharVector v = text[slot];
                        stored[i] = v == null ? null : textColumns[slot].get(v, row);
                    } else {
                        BigIntVector v = integers[slot];
                        stored[i] = v == null || v.isNull(row) ? null : v.get(row);
                    }
                }
                String problem = k.checkStored(stored);
                if (problem != null) {
                    throw new CorruptRow(problem);
                }
                EventBody body = k.create(stored);
                sink.accept(new Event(runId, t, thread.get(threadVector, row), threadId, body));
                emitted++;
                latest = Math.max(latest, t);
            }
            return new long[] {emitted, latest};
        } catch (CorruptRow e) {
            throw new TraceException(name, "record batch " + batch + TraceReader.at(offset)
                    + (row >= 0 ? ", row " + (row + 1) : "") + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Arrow's own bounds checks on a damaged buffer of a trace without checksums
            throw new TraceException(name, "record batch " + batch + TraceReader.at(offset)
                    + (row >= 0 ? ", row " + (row + 1) : "") + " cannot be decoded: its buffers are damaged", e);
        }
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

    /**
     * Decodes a text column. Values repeat a lot (threads, clients, streams), so decoded strings are
     * kept in a small hash table keyed by their bytes, read straight from the Arrow buffer: a repeat
     * costs no allocation. Offsets come from the file and are checked before use.
     */
    private static final class StringColumn {
        private static final int SIZE = 1024;
        private final int[] hashes = new int[SIZE];
        private final byte[][] keys = new byte[SIZE][];
        private final String[] strings = new String[SIZE];
        private byte[] scratch = new byte[256];

        String get(VarCharVector v, int row) throws CorruptRow {
            if (v.isNull(row)) {
                return null;
            }
            ArrowBuf offsets = v.getOffsetBuffer();
            ArrowBuf data = v.getDataBuffer();
            int start = offsets.getInt((long) row * BaseVariableWidthVector.OFFSET_WIDTH);
            int end = offsets.getInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH);
            if (start < 0 || end < start || end > data.capacity()) {
                throw new CorruptRow("text column " + v.getName() + " has offsets " + start + ".." + end
                        + " outside its " + data.capacity() + " bytes");
            }
            int length = end - start;
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            data.getBytes(start, scratch, 0, length); // one bounds check for the whole value
            int hash = length;
            for (int i = 0; i < length; i++) {
                hash = 31 * hash + scratch[i];
            }
            int slot = (hash ^ (hash >>> 16)) & (SIZE - 1);
            byte[] key = keys[slot];
            if (key != null && hashes[slot] == hash
                    && Arrays.equals(key, 0, key.length, scratch, 0, length)) {
                return strings[slot];
            }
            byte[] bytes = Arrays.copyOf(scratch, length);
            String s = new String(bytes, StandardCharsets.UTF_8);
            hashes[slot] = hash;
            keys[slot] = bytes;
            strings[slot] = s;
            return s;
        }

    }
}
