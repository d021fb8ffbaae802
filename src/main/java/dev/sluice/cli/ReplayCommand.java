package dev.sluice.cli;

import dev.sluice.source.SourceException;
import dev.sluice.source.SourceFormats;
import dev.sluice.ui.ConsoleLauncher;
import java.nio.file.Path;
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

    @Parameters(index = "0", paramLabel = "TRACE", description = "A .sluice file, or anything `sluice import` reads.")
    Path trace;

    @Override
    public Integer call() {
        try {
            // framing and every batch's checksum, without decoding rows (the console decodes them once, and
            // reports a corrupt row in one line too): a damaged or foreign file is one line here, not a window
            SourceFormats.standard().open(trace.toString()).check();
        } catch (SourceException e) {
            spec.commandLine().getErr().println("sluice replay: " + e.getMessage());
            return SluiceCommand.CANNOT_RUN;
        }
        ConsoleLauncher.open(trace);
        return 0;
    }
}
