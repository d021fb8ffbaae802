package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingsJson;
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

    /** The findings in {@link FindingsJson}'s shape (the console's export writes the same). */
    static void json(List<Finding> findings, PrintWriter out) {
        out.println(FindingsJson.of(findings));
    }
}
