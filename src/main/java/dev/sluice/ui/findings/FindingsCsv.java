package dev.sluice.ui.findings;

import dev.sluice.detect.Finding;
import dev.sluice.detect.ResourceRef;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Findings as CSV, a row each with the fields of {@code check --format json} (times in seconds). */
final class FindingsCsv {

    static final String HEADER = "id,code,engine,severity,confirmed,start_s,end_s,resources,title,fix,setting_fix";

    private FindingsCsv() {
    }

    static String of(List<Finding> findings) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Finding f : findings) {
            sb.append(String.join(",", quote(f.id()), f.code().name(), f.engine().id(), f.severity().id(),
                    String.valueOf(f.confirmed()), seconds(f.startNanos()), f.isOpen() ? "" : seconds(f.endNanos()),
                    quote(f.resources().stream().map(ResourceRef::toString).collect(Collectors.joining(" "))),
                    quote(f.title()), quote(f.fix()), quote(f.settingFix() == null ? "" : f.settingFix().assignments())))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.6f", nanos / 1e9);
    }

    /** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
    static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
