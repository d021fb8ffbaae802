package dev.sluice.cli;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.source.RecordedSource;
import dev.sluice.source.RecordingSink;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceFormats;
import dev.sluice.source.pcap.CaptureFormat;
import dev.sluice.trace.TraceCompression;
import dev.sluice.trace.TraceWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true, description = {
        "Turn a recorded source (a packet capture, a Delta table's log, a trace) into a Sluice trace.",
        "Exit 0: imported whole; 3: imported, but the source was incomplete (the trace reads as incomplete and says "
                + "where); 2: the source cannot be read or the output cannot be written."})
final class ImportCommand implements Callable<Integer> {

    private static final int BATCH = 4096;
    private static final long PROGRESS_EVERY = 1_000_000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "What to import: any source `sluice check` reads "
            + "(see the README's table of sources).")
    String source;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The trace to write (.sluice).")
    Path output;

    @Option(names = "--profile", paramLabel = "NAME", description = "For an s3:// Delta table: the connection profile "
            + "whose S3 endpoint, region and AWS profile read it (profiles.md).")
    String profile;

    @Option(names = "--port", paramLabel = "N", description = "For a packet capture: read only TCP connections on port N.")
    Integer port;

    @Option(names = "--compress", paramLabel = "CODEC", converter = RunCommand.CompressionConverter.class, defaultValue = "none",
            description = "Compress OUT: zstd or lz4 (Arrow IPC body compression), or none (default).")
    TraceCompression compress;

    @Option(names = "--force", description = "Replace OUT if it exists.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SourceFormats formats = SourceFormats.standard();
        if (Files.exists(output) && !force) {
            err.println("sluice import: " + output + " exists; give --force to replace it");
            return SluiceCommand.CANNOT_RUN;
        }
        long started = System.nanoTime();
        RecordedSource from;
        try {
            from = profile != null ? ProfileTables.open(source, profile)
                    : formats.open(port == null ? source : CaptureFormat.restrictedTo(source, port));
        } catch (SourceException e) {
            err.println("sluice import: " + e.getMessage());
            return SluiceCommand.CANNOT_RUN;
        }
        Copy copy = new Copy(new TraceWriter(output, compress), err);
        RecordedSource.Ending ending;
        try {
            ending = from.stream(copy);
            copy.finish(ending);
        } catch (SourceException e) {
            copy.abandon();
            err.println("sluice import: " + e.getMessage() + deleted(output));
            return SluiceCommand.CANNOT_RUN;
        } catch (RuntimeException e) {
            // a reader's bug must not leave a half-written trace behind either; the policy prints the cause
            copy.abandon();
            err.println("sluice import: " + source + ": the import failed" + deleted(output));
            throw e;
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        long inputBytes = sizeOf(source);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: %d events from %s in %.1f s (%.0f events/s%s) → %s%n", source, copy.events, from.kind().word(),
                seconds, copy.events / seconds, inputBytes > 0 ? String.format(", %.1f MB/s of input", inputBytes / 1e6 / seconds) : "",
                output);
        if (!ending.complete()) {
            err.println("sluice import: " + source + ": incomplete: " + ending.warning());
        }
        out.flush();
        err.flush();
        return ending.complete() ? 0 : CheckCommand.INCOMPLETE;
    }

    /** Removes a half-written output: a failed import leaves nothing that looks like a trace. */
    private static String deleted(Path output) {
        try {
            Files.deleteIfExists(output);
            return "";
        } catch (IOException e) {
            return " (and the partial " + output + " could not be removed: " + e.getMessage() + ")";
        }
    }

    /** The size of a file source (0 for a directory, a URI or standard input: no rate then). */
    private static long sizeOf(String source) {
        Path p = Path.of(source);
        return Files.isRegularFile(p) ? p.toFile().length() : 0;
    }

    /** Writes the stream to the trace in batches; says how far it got on long imports. */
    private static final class Copy implements RecordingSink {
        private final TraceWriter writer;
        private final PrintWriter progress;
        private final List<Event> batch = new ArrayList<>(BATCH);
        private Event last;
        long events;

        Copy(TraceWriter writer, PrintWriter progress) {
            this.writer = writer;
            this.progress = progress;
        }

        @Override
        public void open(RunInfo run) throws SourceException {
            try {
                writer.open(run);
            } catch (IOException e) {
                throw new SourceException(writer.file().toString(), "cannot be written: " + e.getMessage(), e);
            }
        }

        @Override
        public void accept(Event event) throws SourceException {
            batch.add(event);
            last = event;
            events++;
            if (batch.size() == BATCH) {
                flush();
            }
            if (events % PROGRESS_EVERY == 0) {
                progress.println("… " + events + " events");
                progress.flush();
            }
        }

        private void flush() throws SourceException {
            try {
                writer.accept(batch);
            } catch (IOException e) {
                throw new SourceException(writer.file().toString(), "cannot be written: " + e.getMessage(), e);
            }
            batch.clear();
        }

        /** Writes the rest; an incomplete source leaves an incomplete trace, with a note saying why. */
        void finish(RecordedSource.Ending ending) throws SourceException {
            if (!ending.complete() && last != null) {
                accept(new Event(last.runId(), last.timeNanos(), last.thread(), last.threadId(),
                        new AppEvent.Note("import: the source is incomplete: " + ending.warning())));
            }
            flush();
            try {
                if (ending.complete()) {
                    writer.close();
                } else {
                    writer.closeIncomplete();
                }
            } catch (IOException e) {
                throw new SourceException(writer.file().toString(), "cannot be written: " + e.getMessage(), e);
            }
        }

        void abandon() {
            try {
                writer.closeIncomplete();
            } catch (IOException e) {
                progress.println("sluice import: " + writer.file() + ": cannot be closed: " + e.getMessage());
            }
        }
    }
}
