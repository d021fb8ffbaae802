package dev.sluice.source;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Several processes' recordings as one run on one clock (`check A B …`, `replay A B …`). Each run's
 * events are shifted by its wall-clock anchor ({@code startedAt}, taken at its run time 0) relative to
 * the earliest, then merged by time. Each process gets a lane: its thread names are prefixed with its
 * label ({@code A/main}), which the timeline groups by, and its process-local identities (clients,
 * requests, event loops, connections, streams, tasks) get the same prefix, so two processes' "client-1"
 * never read as one client; shared resources (Delta tables, object keys) stay as they are, so writers
 * of one table in several processes meet. The alignment error is stated in a note and the run settings.
 */
public final class MergedSource implements RecordedSource {

    /** The wall clock of one host, read twice around run time 0 (this JVM's Instant resolution included). */
    static final Duration ONE_HOST_ERROR = Duration.ofMillis(1);
    /** How far apart the processes' clocks may be in a merge (the setting {@code merge.alignment}, a note). */
    public static final String ALIGNMENT = "aligned on each run's wall-clock start (run time 0): error ≤ "
            + ONE_HOST_ERROR.toMillis() + " ms for processes on one host; across hosts add their clocks' offset";

    private final List<RecordedSource> sources;

    public MergedSource(List<RecordedSource> sources) {
        if (sources.size() < 2) {
            throw new IllegalArgumentException("a merge needs at least two sources, got " + sources.size());
        }
        this.sources = List.copyOf(sources);
    }

    @Override
    public SourceKind kind() {
        return sources.get(0).kind();
    }

    @Override
    public String name() {
        return sources.stream().map(RecordedSource::name).collect(Collectors.joining(" + "));
    }

    @Override
    public Ending stream(RecordingSink sink) throws SourceException {
        List<MergePart> read = new ArrayList<>();
        try {
            for (RecordedSource s : sources) {
                read.add(MergePart.open(s));
            }
            return merge(read, sink);
        } finally {
            for (MergePart p : read) {
                p.close();
            }
        }
    }

    private Ending merge(List<MergePart> read, RecordingSink sink) throws SourceException {
        Instant origin = read.stream().map(c -> c.run().startedAt()).min(Comparator.naturalOrder()).orElseThrow();
        List<String> labels = labels();
        List<ProcessLane> lanes = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        StringBuilder offsets = new StringBuilder();
        for (int i = 0; i < read.size(); i++) {
            MergePart c = read.get(i);
            long shift = Duration.between(origin, c.run().startedAt()).toNanos();
            lanes.add(new ProcessLane(labels.get(i), i, shift));
            settings.put("merge." + labels.get(i), c.run().scenario() + ", run " + c.run().runId() + ", +" + seconds(shift));
            offsets.append(i == 0 ? "" : ", ").append(labels.get(i)).append(" at +").append(seconds(shift));
        }
        String alignment = ALIGNMENT;
        settings.put("merge.alignment", alignment);
        String runId = "merge-" + read.stream().map(c -> c.run().runId()).collect(Collectors.joining("-"));
        String scenario = "merge of " + read.stream().map(c -> c.run().scenario()).collect(Collectors.joining(", "));
        sink.open(new RunInfo(runId, scenario, settings, origin, read.get(0).run().sluiceVersion()));
        // known before the first event (a trace's framing says it), so a RunEnded is kept or turned into a note in order
        boolean complete = read.stream().allMatch(MergePart::complete);
        sink.accept(new Event(runId, 0, "sluice-merge", 0, new AppEvent.Note("one clock for " + read.size()
                + " processes (" + offsets + "); " + alignment)));
        merge(read, lanes, runId, complete, sink);
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            Ending ending = read.get(i).ending();
            if (ending.warning() != null) {
                warnings.add(lanes.get(i).label() + ": " + ending.warning());
            }
        }
        TraceContents.Checksums checksums = read.stream()
                .allMatch(c -> c.ending().checksums() == TraceContents.Checksums.VERIFIED)
                ? TraceContents.Checksums.VERIFIED : TraceContents.Checksums.ABSENT;
        return new Ending(complete, warnings.isEmpty() ? null : String.join("; ", warnings), checksums);
    }

    /**
     * K-way merge by shifted time; ties keep the processes' order, each process keeps its own. Each
     * part holds one batch at a time, so memory stays bounded whatever the traces' sizes.
     */
    private static void merge(List<MergePart> parts, List<ProcessLane> lanes, String runId, boolean complete,
                              RecordingSink sink) throws SourceException {
        Event[] heads = new Event[parts.size()];
        PriorityQueue<Integer> queue = new PriorityQueue<>(Comparator
                .comparingLong((Integer i) -> heads[i].timeNanos() + lanes.get(i).shiftNanos()).thenComparingInt(i -> i));
        for (int i = 0; i < parts.size(); i++) {
            heads[i] = parts.get(i).next();
            if (heads[i] != null) {
                queue.add(i);
            }
        }
        while (!queue.isEmpty()) {
            int i = queue.poll();
            sink.accept(lanes.get(i).rewrite(heads[i], runId, complete));
            heads[i] = parts.get(i).next();
            if (heads[i] != null) {
                queue.add(i);
            }
        }
    }

    /**
     * Writes the merged run to {@code file} as one trace (what `replay A B` and the console's Open of
     * several files show); it reads as incomplete when any process's recording does.
     */
    public Ending record(Path file) throws SourceException {
        TraceWriter writer = new TraceWriter(file);
        List<Event> batch = new ArrayList<>();
        try {
            Ending ending = stream(new RecordingSink() {
                @Override
                public void open(RunInfo run) throws SourceException {
                    try {
                        writer.open(run);
                    } catch (IOException e) {
                        throw new SourceException(file.toString(), "cannot be written: " + e.getMessage(), e);
                    }
                }

                @Override
                public void accept(Event event) throws SourceException {
                    batch.add(event);
                    if (batch.size() == 4096) {
                        write(writer, batch, file);
                    }
                }
            });
            write(writer, batch, file);
            if (ending.complete()) {
                writer.close();
            } else {
                writer.closeIncomplete();
            }
            return ending;
        } catch (IOException e) {
            SourceException failure = new SourceException(file.toString(), "cannot be written: " + e.getMessage(), e);
            discard(writer, file, failure);
            throw failure;
        } catch (SourceException | RuntimeException failure) {
            // a part is read batch by batch, so its damage shows after the copy was opened: release it and leave no file
            discard(writer, file, failure);
            throw failure;
        }
    }

    private static void discard(TraceWriter writer, Path file, Exception failure) {
        try {
            writer.closeIncomplete();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static void write(TraceWriter writer, List<Event> batch, Path file) throws SourceException {
        try {
            writer.accept(batch);
        } catch (IOException e) {
            throw new SourceException(file.toString(), "cannot be written: " + e.getMessage(), e);
        }
        batch.clear();
    }

    /**
     * {@code files} (each anything Sluice opens) merged into one trace in a temporary directory, named after them
     * ({@code a+b.sluice}), removed when this JVM exits: what the console opens for several files at once.
     */
    public static Path mergeToTemporary(List<Path> files) throws SourceException {
        List<RecordedSource> sources = new ArrayList<>();
        for (Path f : files) {
            sources.add(SourceFormats.standard().open(f.toString()));
        }
        MergedSource merged = new MergedSource(sources);
        Path file;
        try {
            Path dir = Files.createTempDirectory("sluice-merged-");
            file = dir.resolve(String.join("+", merged.labels()) + ".sluice");
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit(); // registered after its directory: deleted before it
        } catch (IOException e) {
            throw new SourceException(String.valueOf(files), "cannot make a temporary file for the merge: "
                    + e.getMessage(), e);
        }
        merged.record(file);
        return file;
    }

    /** Each source's label: its file name without the extension, made unique with #2, #3 … */
    List<String> labels() {
        List<String> labels = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (RecordedSource s : sources) {
            String name = s.name().replace('\\', '/');
            name = name.substring(name.lastIndexOf('/') + 1);
            int dot = name.lastIndexOf('.');
            String base = dot > 0 ? name.substring(0, dot) : name.isEmpty() ? "process" : name;
            String label = base;
            for (int n = 2; !taken.add(label); n++) {
                label = base + "#" + n;
            }
            labels.add(label);
        }
        return labels;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }
}
