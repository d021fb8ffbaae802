package dev.sluice.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live objects of this JVM by class, as {@code jcmd PID GC.class_histogram} prints them (it runs a full GC first):
 * two of them, before and after a run, say which classes hold what the run kept, without attaching a tool.
 */
final class HeapHistogram {

    /** Instances and bytes of one class. */
    record Row(String className, long instances, long bytes) { }

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private final Map<String, Row> rows;
    private final long totalBytes;

    private HeapHistogram(Map<String, Row> rows) {
        this.rows = rows;
        this.totalBytes = rows.values().stream().mapToLong(Row::bytes).sum();
    }

    /** The histogram of live objects now; runs a full GC. */
    static HeapHistogram take() throws JMException {
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        return parse(String.valueOf(text));
    }

    /**
     * A histogram to compare a later one with: taken twice, and the second kept, so it counts a histogram's own objects
     * (the first one's, alive then) as the later one counts this one's; else they would seem kept by what ran between.
     */
    static HeapHistogram baseline() throws JMException {
        HeapHistogram first = take();
        try {
            return take();
        } finally {
            Reference.reachabilityFence(first); // alive while the second is taken, so the second counts it
        }
    }

    /** Parses the lines {@code "  1:  123  4567  java.lang.String (java.base@17)"}; the header and total are skipped. */
    static HeapHistogram parse(String text) {
        Map<String, Row> rows = new HashMap<>();
        text.lines().map(ROW::matcher).filter(Matcher::find).forEach(m -> rows.merge(m.group(3),
                new Row(m.group(3), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
                (a, b) -> new Row(a.className(), a.instances() + b.instances(), a.bytes() + b.bytes())));
        return new HeapHistogram(rows);
    }

    /** Bytes of all live objects. */
    long totalBytes() {
        return totalBytes;
    }

    /** The {@code n} classes whose bytes grew most from {@code before} to this one. */
    List<Row> grownSince(HeapHistogram before, int n) {
        List<Row> grown = new ArrayList<>();
        for (Row r : rows.values()) {
            Row old = before.rows.get(r.className());
            long instances = r.instances() - (old == null ? 0 : old.instances());
            long bytes = r.bytes() - (old == null ? 0 : old.bytes());
            if (bytes > 0) {
                grown.add(new Row(r.className(), instances, bytes));
            }
        }
        grown.sort(Comparator.comparingLong(Row::bytes).reversed());
        return grown.subList(0, Math.min(n, grown.size()));
    }

    /** One line per class that grew most, for a report's notes. */
    List<String> grownLines(HeapHistogram before, int n, long events) {
        List<String> lines = new ArrayList<>();
        for (Row r : grownSince(before, n)) {
            lines.add(String.format(Locale.ROOT, "%,11d B (%5.1f B/event) %,9d × %s", r.bytes(),
                    r.bytes() / (double) Math.max(1, events), r.instances(), r.className()));
        }
        return lines;
    }
}
