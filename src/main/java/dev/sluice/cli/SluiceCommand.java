package dev.sluice.cli;

import dev.sluice.ui.ConsoleLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sluice}: with no arguments, opens the console; otherwise one of the subcommands. */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = SluiceCommand.Version.class,
        description = "Watch event-loop ownership, HTTP/2 flow control and Delta commit conflicts; record and replay traces.",
        subcommands = {ScenariosCommand.class, RunCommand.class, CheckCommand.class, ReplayCommand.class,
                BenchCommand.class})
public final class SluiceCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        ConsoleLauncher.open(null);
        return 0;
    }

    /** Runs the command line; returns the exit code. */
    public static int execute(String... args) {
        return new CommandLine(new SluiceCommand()).execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sluice " + dev.sluice.event.RunInfo.currentVersion()};
        }
    }
}
