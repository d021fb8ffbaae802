package dev.sluice.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Findings as JSON, one shape for every writer of it: {@code check --format json}, {@code run},
 * {@code compare} and the console's findings export, so a program reads them all the same way.
 */
public final class FindingsJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FindingsJson() {
    }

    /** The findings as an indented JSON array. */
    public static String of(List<Finding> findings) {
        ArrayNode array = JSON.createArrayNode();
        for (Finding f : findings) {
            ObjectNode o = array.addObject();
            o.put("id", f.id());
            o.put("code", f.code().name());
            o.put("engine", f.engine().id());
            o.put("severity", f.severity().id());
            o.put("confirmed", f.confirmed());
            if (!f.confirmed()) {
                o.put("unconfirmed", f.doubt());
            }
            o.put("start", f.startNanos());
            if (f.isOpen()) {
                o.putNull("end");
            } else {
                o.put("end", f.endNanos());
            }
            ArrayNode resources = o.putArray("resources");
            for (ResourceRef r : f.resources()) {
                resources.addObject().put("type", r.type()).put("id", r.id());
            }
            o.put("title", f.title());
            o.put("explanation", f.explanation());
            o.put("fix", f.fix());
            settingFix(f.settingFix(), o);
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write findings as JSON", e);
        }
    }

    /** {@code "settingFix": {"settings": {"flight.strategy": "drain"}, "summary": "..."}}, or null when the fix is not a setting. */
    public static void settingFix(Fix fix, ObjectNode finding) {
        if (fix == null) {
            finding.putNull("settingFix");
            return;
        }
        ObjectNode o = finding.putObject("settingFix");
        ObjectNode settings = o.putObject("settings");
        fix.settings().forEach(settings::put);
        o.put("summary", fix.summary());
    }
}
