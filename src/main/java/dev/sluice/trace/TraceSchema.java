package dev.sluice.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.event.Engine;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import dev.sluice.event.RunInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow schema of a {@code .sluice} trace (documented in {@code trace-format.md}): one row per
 * event; {@code engine} and {@code kind} dictionary-encoded over fixed dictionaries; each kind's
 * fields in typed slots {@code s1..s8} (text) and {@code n1..n12} (int64), with the mapping from
 * field names to slots in the schema metadata so any Arrow reader can interpret a row. From format 3
 * the thread, thread id and every slot are dictionary-encoded too, each over a dictionary of its
 * batch's own values (int16 indices): the values repeat a lot, and no value loses range. From format
 * 4 the thread columns take int8 indices (a batch ends when its dictionary holds 128 threads) and the
 * run time is {@code t_base + t_off}: a per-batch dictionary of time bases (int8 indices) plus an
 * int32 offset, 5 bytes a row instead of 8, exact for any time.
 */
public final class TraceSchema {

    /**
     * 4: int8 thread indices and the time as base + offset; 3: per-batch dictionaries for the thread
     * columns and every slot; 2: checksums (schema, every batch) and a closing batch; 1: neither.
     * 1 to 3 are still read.
     */
    public static final int FORMAT_VERSION = 4;
    /** The first format whose batches bring their own dictionaries (before them, all come before the first batch). */
    static final int FIRST_BATCH_DICTIONARIES_FORMAT = 3;
    /** The first format whose traces must carry checksums. */
    static final int FIRST_CHECKSUMMED_FORMAT = 2;
    public static final String META_FORMAT = "sluice.format";
    public static final String META_CHECKSUM = "sluice.checksum";
    public static final String META_RUN = "sluice.run";
    public static final String META_KINDS = "sluice.kinds";
    static final long ENGINE_DICTIONARY_ID = 1;
    static final long KIND_DICTIONARY_ID = 2;
    static final long THREAD_DICTIONARY_ID = 3;
    static final long THREAD_ID_DICTIONARY_ID = 4;
    /** Rows per record batch at most: a batch's dictionary indices are int16. */
    static final int MAX_BATCH_ROWS = Short.MAX_VALUE + 1;
    static final ArrowType.Int BATCH_INDEX = new ArrowType.Int(16, true);
    /** The thread columns' and the time base's indices: few distinct values per batch. */
    static final ArrowType.Int NARROW_INDEX = new ArrowType.Int(8, true);
    /** Values an int8-indexed batch dictionary holds at most (indices 0..127). */
    static final int NARROW_VALUES = Byte.MAX_VALUE + 1;
    /** The bits of a run time kept in {@code t_off}; the rest is the row's {@code t_base}. */
    static final long OFFSET_MASK = Integer.MAX_VALUE;

    /** Formats 1 to 3: the run time in nanoseconds, int64. */
    static final String TIME = "t_ns";
    /** Format 4: the run time is {@code t_base + t_off} (the base a multiple of 2^31 ns, from a batch dictionary). */
    static final String TIME_BASE = "t_base";
    static final String TIME_OFFSET = "t_off";
    static final String ENGINE = "engine";
    static final String KIND = "kind";
    static final String THREAD = "thread";
    static final String THREAD_ID = "thread_id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceSchema() {
    }

    static String textSlot(int i) {
        return "s" + (i + 1);
    }

    static String integerSlot(int i) {
        return "n" + (i + 1);
    }

    static long textDictionaryId(int slot) {
        return THREAD_ID_DICTIONARY_ID + 1 + slot;
    }

    static long integerDictionaryId(int slot) {
        return THREAD_ID_DICTIONARY_ID + 1 + EventCatalog.TEXT_SLOTS + slot;
    }

    /** After every slot's, so format 3's ids keep their meaning. */
    static long timeBaseDictionaryId() {
        return integerDictionaryId(EventCatalog.INTEGER_SLOTS);
    }

    /** Whether dictionary {@code id} is one of the two written once before the first batch (engine, kind). */
    static boolean isFixedDictionary(long id) {
        return id == ENGINE_DICTIONARY_ID || id == KIND_DICTIONARY_ID;
    }

    /** The narrowest index type for a fixed dictionary of {@code size} names. */
    static ArrowType.Int fixedIndex(int size) {
        return new ArrowType.Int(size <= Byte.MAX_VALUE ? 8 : 16, true);
    }

    /** A dictionary-encoded column: in memory it holds its indices; on the wire it is dictionary<index, values>. */
    private static Field encoded(String name, boolean nullable, long id, ArrowType.Int index) {
        return new Field(name, new FieldType(nullable, index, new DictionaryEncoding(id, false, index)), null);
    }

    static Schema schema(RunInfo run) {
        List<Field> fields = new ArrayList<>();
        fields.add(encoded(TIME_BASE, false, timeBaseDictionaryId(), NARROW_INDEX));
        fields.add(new Field(TIME_OFFSET, FieldType.notNullable(new ArrowType.Int(32, true)), null));
        fields.add(encoded(ENGINE, false, ENGINE_DICTIONARY_ID, fixedIndex(Engine.values().length)));
        fields.add(encoded(KIND, false, KIND_DICTIONARY_ID, fixedIndex(EventCatalog.size())));
        fields.add(encoded(THREAD, true, THREAD_DICTIONARY_ID, NARROW_INDEX));
        fields.add(encoded(THREAD_ID, true, THREAD_ID_DICTIONARY_ID, NARROW_INDEX));
        for (int i = 0; i < EventCatalog.TEXT_SLOTS; i++) {
            fields.add(encoded(textSlot(i), true, textDictionaryId(i), BATCH_INDEX));
        }
        for (int i = 0; i < EventCatalog.INTEGER_SLOTS; i++) {
            fields.add(encoded(integerSlot(i), true, integerDictionaryId(i), BATCH_INDEX));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(META_FORMAT, Integer.toString(FORMAT_VERSION));
        meta.put(META_RUN, runJson(run));
        meta.put(META_KINDS, kindsJson());
        meta.put(META_CHECKSUM, TraceIntegrity.hex(TraceIntegrity.schemaChecksum(new Schema(fields, meta))));
        return new Schema(fields, meta);
    }

    static String runJson(RunInfo run) {
        ObjectNode o = JSON.createObjectNode();
        o.put("runId", run.runId());
        o.put("scenario", run.scenario());
        o.put("startedAt", run.startedAt().toString());
        o.put("sluiceVersion", run.sluiceVersion());
        ObjectNode settings = o.putObject("settings");
        run.settings().forEach(settings::put);
        return o.toString();
    }

    /**
     * The run described by {@code sluice.run}.
     *
     * @throws IllegalArgumentException saying, in the user's words, what is wrong with it
     */
    static RunInfo parseRun(String json) {
        JsonNode o = readJson(json, "it");
        if (!o.isObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        JsonNode s = o.path("settings");
        if (!s.isMissingNode() && !s.isObject()) {
            throw new IllegalArgumentException("settings is not a JSON object");
        }
        Iterator<Map.Entry<String, JsonNode>> it = s.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("setting " + TraceReader.printable(e.getKey()) + " is not text");
            }
            settings.put(e.getKey(), e.getValue().asText());
        }
        String startedAt = text(o, "startedAt");
        Instant started;
        try {
            started = Instant.parse(startedAt);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("startedAt '" + TraceReader.printable(startedAt) + "' is not an ISO-8601 instant");
        }
        return new RunInfo(text(o, "runId"), text(o, "scenario"), settings, started, text(o, "sluiceVersion"));
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return v.asText();
    }

    private static JsonNode readJson(String json, String what) {
        if (json == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            throw new IllegalArgumentException(what + " is not valid JSON" + (at >= 0 ? " (at character " + at + ")" : ""));
        }
    }

    /** {"KindName": {"engine": "s3", "fields": {"client": "s1", "inFlight": "n1"}}, ...} */
    static String kindsJson() {
        ObjectNode root = JSON.createObjectNode();
        for (EventKind k : EventCatalog.kinds()) {
            ObjectNode kind = root.putObject(k.name());
            kind.put("engine", k.engine().id());
            ObjectNode fields = kind.putObject("fields");
            for (EventKind.Field f : k.fields()) {
                fields.put(f.name(), f.slot());
            }
        }
        return root.toString();
    }

    /** Engine names in dictionary order. */
    static List<String> engineDictionary() {
        List<String> out = new ArrayList<>();
        for (Engine e : Engine.values()) {
            out.add(e.id());
        }
        return out;
    }

    /** Kind names in dictionary order (the catalog order). */
    static List<String> kindDictionary() {
        List<String> out = new ArrayList<>();
        for (EventKind k : EventCatalog.kinds()) {
            out.add(k.name());
        }
        return out;
    }

    /**
     * The slot mapping a trace declares for each kind: kind → engine id and field name → slot.
     *
     * @throws IllegalArgumentException saying, in the user's words, what is wrong with it
     */
    static Map<String, DeclaredKind> parseKinds(String json) {
        Map<String, DeclaredKind> out = new LinkedHashMap<>();
        JsonNode root = readJson(json, "it");
        if (!root.isObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode kind = e.getValue();
            JsonNode engine = kind.get("engine");
            JsonNode fieldsNode = kind.get("fields");
            if (!kind.isObject() || engine == null || !engine.isTextual() || fieldsNode == null || !fieldsNode.isObject()) {
                throw new IllegalArgumentException("kind " + TraceReader.printable(e.getKey()) + " has no engine or no fields");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> f = fieldsNode.properties().iterator();
            while (f.hasNext()) {
                Map.Entry<String, JsonNode> fe = f.next();
                String slot = fe.getValue().asText();
                if (!fe.getValue().isTextual() || !slot.matches("[sn][1-9][0-9]?")) {
                    throw new IllegalArgumentException(TraceReader.printable(e.getKey() + "." + fe.getKey()) + " has slot '"
                            + TraceReader.printable(slot)
                            + "' (slots are s1..s" + EventCatalog.TEXT_SLOTS + " and n1..n" + EventCatalog.INTEGER_SLOTS + ")");
                }
                if (fields.containsValue(slot)) {
                    throw new IllegalArgumentException(TraceReader.printable(e.getKey()) + " puts two fields in slot " + slot);
                }
                fields.put(fe.getKey(), slot);
            }
            out.put(e.getKey(), new DeclaredKind(engine.asText(), fields));
        }
        return out;
    }

    /** A kind as a trace declares it: its engine id and the slot of each field. */
    record DeclaredKind(String engine, Map<String, String> fields) { }
}
