package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.compare.ComparedRun;
import dev.sluice.compare.Comparison;
import dev.sluice.compare.FigureRow;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingsJson;
import dev.sluice.detect.ResourceRef;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints a {@link Comparison} for people (text) or programs (JSON). */
final class ComparisonPrinter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ComparisonPrinter() {
    }

    static void text(Comparison c, PrintWriter out) {
        side("A", c.a(), out);
        side("B", c.b(), out);
        if (!c.settingsChanged().isEmpty()) {
            out.println("settings changed: " + c.settingsChanged().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().get(0) + " -> " + e.getValue().get(1))
                    .collect(Collectors.joining(", ")));
        }
        out.printf(Locale.ROOT, "findings: %d gone, %d stayed, %d new%n", c.findings().gone().size(),
                c.findings().stayed().size(), c.findings().added().size());
        findings("gone", c.findings().gone(), out);
        findings("stayed", c.findings().stayed(), out);
        findings("new", c.findings().added(), out);
        if (!c.figures().isEmpty()) {
            out.printf(Locale.ROOT, "  %-22s %14s %14s %8s%n", "figure", "A", "B", "B/A");
            for (FigureRow r : c.figures()) {
                out.printf(Locale.ROOT, "  %-22s %14s %14s %8s%s%n", r.figure().label(), value(r, r.a()), value(r, r.b()),
                        r.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio()),
                        r.regressed(c.tolerancePercent()) ? "  worse" : "");
            }
        }
        out.println(c.verdict());
    }

    private static void side(String label, ComparedRun r, PrintWriter out) {
        out.printf(Locale.ROOT, "%s: %s: run %s of %s, %d events, %d finding(s)%n", label, r.name(), r.run().runId(),
                r.run().scenario(), r.events().size(), r.findings().size());
    }

    private static void findings(String what, List<Finding> findings, PrintWriter out) {
        for (Finding f : findings) {
            out.printf(Locale.ROOT, "  %-7s %-26s %s%n", what, f.code().name(), f.title());
        }
    }

    private static String value(FigureRow r, Double v) {
        return v == null ? "-" : r.figure().unit().format(v);
    }

    static void json(Comparison c, PrintWriter out) {
        ObjectNode root = JSON.createObjectNode();
        run(root.putObject("a"), c.a());
        run(root.putObject("b"), c.b());
        root.put("tolerancePercent", c.tolerancePercent());
        ObjectNode settings = root.putObject("settingsChanged");
        c.settingsChanged().forEach((k, v) -> settings.putObject(k).put("a", v.get(0)).put("b", v.get(1)));
        ObjectNode findings = root.putObject("findings");
        findings(findings.putArray("gone"), c.findings().gone());
        findings(findings.putArray("stayed"), c.findings().stayed());
        findings(findings.putArray("new"), c.findings().added());
        ArrayNode figures = root.putArray("figures");
        for (FigureRow r : c.figures()) {
            ObjectNode o = figures.addObject();
            o.put("figure", r.figure().name());
            o.put("engine", r.figure().engine().id());
            o.put("label", r.figure().label());
            o.put("unit", r.figure().unit().name().toLowerCase(Locale.ROOT));
            number(o, "a", r.a());
            number(o, "b", r.b());
            number(o, "ratio", r.ratio());
            o.put("judged", r.figure().judged().name().toLowerCase(Locale.ROOT));
            o.put("regressed", r.regressed(c.tolerancePercent()));
        }
        root.put("holds", c.holds());
        root.put("verdict", c.verdict());
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the comparison as JSON", e);
        }
    }

    private static void run(ObjectNode o, ComparedRun r) {
        o.put("trace", r.name());
        o.put("runId", r.run().runId());
        o.put("scenario", r.run().scenario());
        o.put("events", r.events().size());
        o.put("findings", r.findings().size());
    }

    private static void findings(ArrayNode array, List<Finding> findings) {
        for (Finding f : findings) {
            ObjectNode o = array.addObject();
            o.put("id", f.id());
            o.put("code", f.code().name());
            o.put("title", f.title());
            ArrayNode resources = o.putArray("resources");
            for (ResourceRef r : f.resources()) {
                resources.addObject().put("type", r.type()).put("id", r.id());
            }
            FindingsJson.settingFix(f.settingFix(), o);
        }
    }

    private static void number(ObjectNode o, String key, Double v) {
        if (v == null) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }
}
