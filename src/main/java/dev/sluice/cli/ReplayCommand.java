package dev.sluice.cli;

import dev.sluice.ui.ConsoleLauncher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "replay", description = "Open the console on a recorded trace.")
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TRACE", description = "A .sluice file.")
    Path trace;

    @Override
    public Integer call() {
        ConsoleLauncher.open(trace);
        return 0;
    }
}
