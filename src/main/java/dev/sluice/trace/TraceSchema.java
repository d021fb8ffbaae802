package dev.sluice.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.event.Engine;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import dev.sluice.event.RunInfo;
import java.time.Instant;
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
 * field names to slots in the schema metadata so any Arrow reader can interpret a row.
 */
public final class TraceSchema {

    public static final int FORMAT_VERSION = 1;
    public static final String META_FORMAT = "sluice.format";
    public static final String META_RUN = "sluice.run";
    public static final String META_KINDS = "sluice.kinds";
    static final long ENGINE_DICTIONARY_ID = 1;
    static final long KIND_DICTIONARY_ID = 2;

    static final String TIME = "t_ns";
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

    static Schema schema(RunInfo run) {
        List<Field> fields = new ArrayList<>();
        ArrowType.Int int16 = new ArrowType.Int(16, true);
        fields.add(new Field(TIME, FieldType.notNullable(new ArrowType.Int(64, true)), null));
        // in memory a dictionary column holds its int16 indices; on the wire it is dictionary<int16, utf8>
        fields.add(new Field(ENGINE, new FieldType(false, int16,
                new DictionaryEncoding(ENGINE_DICTIONARY_ID, false, int16)), null));
        fields.add(new Field(KIND, new FieldType(false, int16,
                new DictionaryEncoding(KIND_DICTIONARY_ID, false, int16)), null));
        fields.add(new Field(THREAD, FieldType.nullable(ArrowType.Utf8.INSTANCE), null));
        fields.add(new Field(THREAD_ID, FieldType.nullable(new ArrowType.Int(64, true)), null));
        for (int i = 0; i < EventCatalog.TEXT_SLOTS; i++) {
            fields.add(new Field(textSlot(i), FieldType.nullable(ArrowType.Utf8.INSTANCE), null));
        }
        for (int i = 0; i < EventCatalog.INTEGER_SLOTS; i++) {
            fields.add(new Field(integerSlot(i), FieldType.nullable(new ArrowType.Int(64, true)), null));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(META_FORMAT, Integer.toString(FORMAT_VERSION));
        meta.put(META_RUN, runJson(run));
        meta.put(META_KINDS, kindsJson());
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

    static RunInfo parseRun(String json) throws Exception {
        JsonNode o = JSON.readTree(json);
        Map<String, String> settings = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = o.path("settings").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            settings.put(e.getKey(), e.getValue().asText());
        }
        return new RunInfo(o.path("runId").asText(), o.path("scenario").asText(), settings,
                Instant.parse(o.path("startedAt").asText()), o.path("sluiceVersion").asText());
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

    /** The slot mapping a trace declares for each kind: kind → field name → slot. */
    static Map<String, Map<String, String>> parseKinds(String json) throws Exception {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        JsonNode root = JSON.readTree(json);
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Map<String, String> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> f = e.getValue().path("fields").fields();
            while (f.hasNext()) {
                Map.Entry<String, JsonNode> fe = f.next();
                fields.put(fe.getKey(), fe.getValue().asText());
            }
            out.put(e.getKey(), fields);
        }
        return out;
    }
}
