package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.detect.Finding;
import dev.sluice.detect.Fix;
import dev.sluice.detect.ResourceRef;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints findings for people (text) or programs (JSON). */
final class FindingsPrinter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FindingsPrinter() {
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }

    static void text(List<Finding> findings, PrintWriter out) {
        for (Finding f : findings) {
            String when = "+" + seconds(f.startNanos()) + (f.isOpen() ? "" : " to +" + seconds(f.endNanos()))
                    + (f.confirmed() ? "" : " (unconfirmed)");
            out.printf(Locale.ROOT, "%-7s %-26s %s  %s%n", f.severity().name(), f.code().name(), when, f.title());
            out.println("        resources: " + f.resources().stream().map(ResourceRef::toString)
                    .collect(Collectors.joining(", ")));
            out.println("        why: " + f.explanation());
            if (f.settingFix() == null) {
                out.println("        fix (not a setting): " + f.fix());
            } else {
                out.println("        fix: " + f.settingFix().assignments() + " (" + f.settingFix().summary() + ")");
                out.println("        how: " + f.fix());
            }
            if (!f.confirmed()) {
                out.println("        unconfirmed: " + f.doubt());
            }
        }
    }

    /** {@code {"analysisFailed": "..."}}: with --format json, stdout stays JSON when the analysis failed. */
    static void jsonAnalysisFailed(String why, PrintWriter out) {
        try {
            out.println(JSON.writeValueAsString(JSON.createObjectNode().put("analysisFailed", why)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the failure as JSON", e);
        }
    }

    /** {@code "settingFix": {"settings": {"flight.strategy": "drain"}, "summary": "..."}}, or null when the fix is not a setting. */
    static void settingFix(Fix fix, ObjectNode finding) {
        if (fix == null) {
            finding.putNull("settingFix");
            return;
        }
        ObjectNode o = finding.putObject("settingFix");
        ObjectNode settings = o.putObject("settings");
        fix.settings().forEach(settings::put);
        o.put("summary", fix.summary());
    }

    static void json(List<Finding> findings, PrintWriter out) {
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
            out.println(JSON.writeValueAsString(array));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write findings as JSON", e);
        }
    }
}
