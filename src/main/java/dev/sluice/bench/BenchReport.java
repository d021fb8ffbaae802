package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one benchmark run, in the order measured, plus notes on the setup. */
public final class BenchReport {

    /** One figure; {@code goal} is a human-readable target such as {@code >= 10000000} or empty. */
    public record Figure(String name, double value, String unit, String goal) { }

    private final String benchmark;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public BenchReport(String benchmark) {
        this.benchmark = benchmark;
    }

    public BenchReport figure(String name, double value, String unit, String goal) {
        figures.add(new Figure(name, value, unit, goal));
        return this;
    }

    public BenchReport figure(String name, double value, String unit) {
        return figure(name, value, unit, "");
    }

    public BenchReport note(String note) {
        notes.add(note);
        return this;
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("== ").append(benchmark).append('\n');
        for (Figure f : figures) {
            sb.append(String.format(Locale.ROOT, "  %-48s %,18.3f %-10s %s%n", f.name(), f.value(), f.unit(),
                    f.goal().isEmpty() ? "" : "(goal " + f.goal() + ")"));
        }
        for (String n : notes) {
            sb.append("  note: ").append(n).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    public String toJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("benchmark", benchmark);
        var array = root.putArray("figures");
        for (Figure f : figures) {
            array.addObject().put("name", f.name()).put("value", f.value()).put("unit", f.unit()).put("goal", f.goal());
        }
        var n = root.putArray("notes");
        notes.forEach(n::add);
        return root.toPrettyString();
    }
}
