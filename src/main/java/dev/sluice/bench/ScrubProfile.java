package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Which view a scrubbing pulse's FX work went to, for {@link OpenLargeChild}: a JFR recording samples the FX thread
 * every millisecond while each pulse is a {@link Pulse} event, and every sample inside a pulse is put down to the view
 * whose code it was running (the first {@code dev.sluice.ui.<view>} frame from the top of its stack; JavaFX's own CSS,
 * layout and other work when no Sluice frame is on it). Bench-only: nothing in the console records this.
 */
final class ScrubProfile implements AutoCloseable {

    /** A scrubbing pulse: from the scrubber's animation frame to the end of the pulse's layout. */
    @Name("dev.sluice.bench.ScrubPulse")
    @Label("Scrub pulse")
    @Category("Sluice")
    static final class Pulse extends Event {
        @Label("Step")
        int step;
        @Label("Tab")
        int tab;
    }

    /** One pulse's FX work and what its samples ran, in milliseconds of samples per view. */
    record PulseWork(int step, int tab, long nanos, Map<String, Integer> samplesByView, Map<String, Integer> methods) {
        String text() {
            String views = samplesByView.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "step %d (tab %d) %.1f ms: %s", step, tab, nanos / 1e6,
                    views.isEmpty() ? "no samples (FX thread in native code or waiting)" : views);
        }

        /** The view with the most samples, or "unsampled". */
        String topView() {
            return samplesByView.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse("unsampled");
        }
    }

    static final String FX_THREAD = "JavaFX Application Thread";
    private static final int TOP = 8;

    private final Recording recording = new Recording();
    private final Path file;

    ScrubProfile() throws IOException {
        file = Files.createTempFile("sluice-scrub", ".jfr");
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
        recording.enable(Pulse.class);
        recording.setToDisk(true);
        recording.start();
    }

    /**
     * Stops the recording (begun before the open) and puts the samples of the threads that loaded the trace down to
     * the open's parts: decoding, the model's fold, its storage and indexes, the detectors.
     */
    static void describeOpen(Recording open, Properties figures) throws IOException {
        Path file = Files.createTempFile("sluice-open", ".jfr");
        try {
            open.stop();
            open.dump(file);
            Map<String, Integer> parts = new HashMap<>();
            Map<String, Integer> methods = new HashMap<>();
            int all = 0;
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getThread("sampledThread") == null
                        || FX_THREAD.equals(e.getThread("sampledThread").getJavaName())) {
                    continue;
                }
                String method = method(e.getStackTrace());
                String part = openPart(e.getStackTrace());
                parts.merge(part, 1, Integer::sum);
                methods.merge(part + ": " + method, 1, Integer::sum);
                all++;
            }
            int total = Math.max(1, all);
            figures.setProperty("openParts", parts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .map(x -> String.format(Locale.ROOT, "%s %.0f %%", x.getKey(), 100.0 * x.getValue() / total))
                    .collect(Collectors.joining(", ")) + " (" + all + " samples of 10 ms, threads but FX)");
            figures.setProperty("openMethods", top(methods, 14));
        } finally {
            open.close();
            Files.deleteIfExists(file);
        }
    }

    /** A recording of every thread's samples every 10 ms, for {@link #describeOpen}. */
    static Recording recordOpen() {
        Recording open = new Recording();
        open.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        open.setToDisk(true);
        open.start();
        return open;
    }

    private static final Set<String> STORAGE = Set.of("LongColumn", "TextColumn", "PackedLog",
            "PackedEntities", "AppendLog", "Entities", "TimeIndex", "ActivityHistogram", "Slabs", "MappedSlabs");

    /** Which part of the open a sample ran: the innermost Sluice class decides, Arrow's own decoding by its package. */
    private static String openPart(RecordedStackTrace stack) {
        if (stack == null) {
            return "no stack";
        }
        boolean arrow = false;
        for (RecordedFrame f : stack.getFrames()) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("dev.sluice.")) {
                String simple = type.substring(type.lastIndexOf('.') + 1).replaceAll("\\$.*", "");
                if (type.startsWith("dev.sluice.model.") && STORAGE.contains(simple)) {
                    return "storage+index (scrub)";
                }
                if (type.startsWith("dev.sluice.model.")) {
                    return "fold (uilive3)";
                }
                if (type.startsWith("dev.sluice.detect.")) {
                    return "detectors (checkcol)";
                }
                if (type.startsWith("dev.sluice.trace.") || type.startsWith("dev.sluice.source.")
                        || type.startsWith("dev.sluice.event.")) {
                    return arrow ? "Arrow decode (checkcol)" : "read/decode (checkcol)";
                }
                return "other Sluice (" + simple + ")";
            }
            arrow |= type.startsWith("org.apache.arrow.");
        }
        return arrow ? "Arrow decode (checkcol)" : "JVM/other (GC, JIT, JavaFX)";
    }

    /** Stops the recording and returns every pulse's work, in the order of the pulses. */
    List<PulseWork> pulses() throws IOException {
        recording.stop();
        recording.dump(file);
        List<RecordedEvent> pulses = new ArrayList<>();
        List<RecordedEvent> samples = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("dev.sluice.bench.ScrubPulse")) {
                pulses.add(e);
            } else if (e.getEventType().getName().equals("jdk.ExecutionSample")
                    && e.getThread("sampledThread") != null
                    && FX_THREAD.equals(e.getThread("sampledThread").getJavaName())) {
                samples.add(e);
            }
        }
        pulses.sort(Comparator.comparing(RecordedEvent::getStartTime));
        samples.sort(Comparator.comparing(RecordedEvent::getStartTime));
        List<PulseWork> out = new ArrayList<>();
        int s = 0;
        for (RecordedEvent p : pulses) {
            Instant from = p.getStartTime();
            Instant to = p.getEndTime();
            while (s < samples.size() && samples.get(s).getStartTime().isBefore(from)) {
                s++;
            }
            Map<String, Integer> byView = new HashMap<>();
            Map<String, Integer> methods = new HashMap<>();
            while (s < samples.size() && !samples.get(s).getStartTime().isAfter(to)) {
                String view = view(samples.get(s).getStackTrace());
                byView.merge(view, 1, Integer::sum);
                methods.merge(view + ": " + method(samples.get(s).getStackTrace()), 1, Integer::sum);
                s++;
            }
            out.add(new PulseWork(p.getInt("step"), p.getInt("tab"), p.getDuration().toNanos(), byView, methods));
        }
        return out;
    }

    /** The slowest pulses' contents and each view's samples over all pulses, into {@code figures}. */
    static void describe(List<PulseWork> pulses, Properties figures) {
        List<PulseWork> slowest = pulses.stream().sorted(Comparator.comparingLong(PulseWork::nanos).reversed())
                .limit(TOP).toList();
        figures.setProperty("slowestPulses", slowest.stream().map(PulseWork::text).collect(Collectors.joining(" | ")));
        figures.setProperty("slowestView", slowest.isEmpty() ? "none" : slowest.get(0).topView());
        Map<String, Integer> total = new LinkedHashMap<>();
        pulses.forEach(p -> p.samplesByView.forEach((v, n) -> total.merge(v, n, Integer::sum)));
        figures.setProperty("samplesByView", total.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        perTab(pulses, figures);
    }

    /** Per tab: pulses, p50 / p99 of FX work and the most sampled views; the most sampled methods overall. */
    private static void perTab(List<PulseWork> pulses, Properties figures) {
        StringBuilder tabs = new StringBuilder();
        Map<Integer, List<PulseWork>> byTab = pulses.stream().collect(Collectors.groupingBy(PulseWork::tab));
        for (Map.Entry<Integer, List<PulseWork>> tab : new TreeMap<>(byTab).entrySet()) {
            long[] nanos = tab.getValue().stream().mapToLong(PulseWork::nanos).sorted().toArray();
            Map<String, Integer> views = new HashMap<>();
            tab.getValue().forEach(p -> p.samplesByView.forEach((v, n) -> views.merge(v, n, Integer::sum)));
            tabs.append(tabs.length() == 0 ? "" : " | ").append(String.format(Locale.ROOT, "tab %d: %d pulses, p50 %.1f / p99 %.1f / max %.1f ms; %s",
                    tab.getKey(), nanos.length, nanos[nanos.length / 2] / 1e6,
                    nanos[(int) Math.round(0.99 * (nanos.length - 1))] / 1e6, nanos[nanos.length - 1] / 1e6, top(views, 4)));
        }
        figures.setProperty("byTab", tabs.toString());
        Map<String, Integer> methods = new HashMap<>();
        pulses.forEach(p -> p.methods.forEach((m, n) -> methods.merge(m, n, Integer::sum)));
        figures.setProperty("hotMethods", top(methods, 12));
    }

    private static String top(Map<String, Integer> counts, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** The innermost Sluice method on a sample's stack (else its top frame): where a view's time went. */
    static String method(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "?";
        }
        for (RecordedFrame f : stack.getFrames()) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("dev.sluice.")) {
                return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
            }
        }
        RecordedFrame f = stack.getFrames().get(0);
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    /** The view (or JavaFX part) a sample's stack was running. */
    static String view(RecordedStackTrace stack) {
        if (stack == null) {
            return "no stack";
        }
        String sluice = null;
        String shell = null;
        boolean css = false;
        boolean layout = false;
        for (RecordedFrame f : stack.getFrames()) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("dev.sluice.ui.") && type.indexOf('.', "dev.sluice.ui.".length()) > 0) {
                return type.substring("dev.sluice.ui.".length(), type.indexOf('.', "dev.sluice.ui.".length()));
            }
            if (shell == null && type.startsWith("dev.sluice.ui.")) {
                shell = type.substring(type.lastIndexOf('.') + 1).replaceAll("\\$\\$Lambda.*", "");
            }
            if (sluice == null && type.startsWith("dev.sluice.")) {
                sluice = type.substring(type.lastIndexOf('.') + 1);
            }
            css |= type.startsWith("javafx.css.") || type.contains("CssStyleHelper") || type.contains(".css.");
            layout |= f.getMethod().getName().equals("layoutChildren") || f.getMethod().getName().equals("layout");
        }
        return shell != null ? shell : sluice != null ? sluice : css ? "JavaFX CSS" : layout ? "JavaFX layout" : "JavaFX other";
    }

    @Override
    public void close() throws IOException {
        recording.close();
        Files.deleteIfExists(file);
    }
}
