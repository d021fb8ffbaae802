package dev.sluice.cli;

import dev.sluice.source.MergedSource;
import dev.sluice.source.RecordedSource;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceFormats;
import dev.sluice.ui.ConsoleLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true, description = {"Open the console on a recorded trace.",
        "Exit 0 when the console closes; 2 when the trace cannot be read (checked before the window opens)."})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TRACE", description = "A .sluice file, or anything `sluice import` reads;"
            + " several (one per process) merge into one run on one clock.")
    List<Path> traces;

    @Override
    public Integer call() {
        Path trace = traces.get(0);
        try {
            if (traces.size() == 1) {
                // framing and every batch's checksum, without decoding rows (the console decodes them once, and
                // reports a corrupt row in one line too): a damaged or foreign file is one line here, not a window
                SourceFormats.standard().open(trace.toString()).check();
            } else {
                trace = merged();
            }
        } catch (SourceException e) {
            spec.commandLine().getErr().println("sluice replay: " + e.getMessage());
            return SluiceCommand.CANNOT_RUN;
        }
        ConsoleLauncher.open(trace);
        return 0;
    }

    /** The processes' traces merged on one clock into a temporary trace the console opens. */
    private Path merged() throws SourceException {
        List<RecordedSource> sources = new ArrayList<>();
        for (Path p : traces) {
            sources.add(SourceFormats.standard().open(p.toString()));
        }
        Path file;
        try {
            file = Files.createTempFile("sluice-merged-", ".sluice");
        } catch (IOException e) {
            throw new SourceException(String.valueOf(traces), "cannot make a temporary file for the merge: " + e.getMessage(), e);
        }
        file.toFile().deleteOnExit();
        new MergedSource(sources).record(file);
        return file;
    }
}
