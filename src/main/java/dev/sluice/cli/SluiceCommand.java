package dev.sluice.cli;

import dev.sluice.event.RunInfo;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.scenario.Secrets;
import dev.sluice.ui.ConsoleLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import javafx.beans.Observable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice}: with no arguments, opens the console; with a trace, opens it in replay; otherwise one of
 * the subcommands.
 *
 * <p>Errors reach the user as one line on stderr, exit code 2, secrets redacted; the stack trace
 * only with {@code --verbose} (which also turns Sluice's debug log on).
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = SluiceCommand.Version.class,
        description = "Watch event-loop ownership, HTTP/2 flow control and Delta commit conflicts; record and replay traces.",
        subcommands = {ScenariosCommand.class, RunCommand.class, CheckCommand.class, ReplayCommand.class,
                ImportCommand.class, BenchCommand.class, ProfilesCommand.class, CompareCommand.class, VerifyCommand.class,
                AttachCommand.class})
public final class SluiceCommand implements Callable<Integer> {

    /** The exit code of a command that could not do its work (bad input, unreadable file, failed run). */
    static final int CANNOT_RUN = 2;

    @Option(names = "--verbose", description = "Show stack traces of errors and Sluice's debug log on stderr.")
    boolean verbose;

    /** What a desktop's "open with" passes: a double-clicked .sluice file opens in replay. */
    @Parameters(arity = "0..1", paramLabel = "TRACE", description = "A .sluice file to open in replay (as 'replay TRACE').")
    Path trace;

    @Override
    public Integer call() {
        ConsoleLauncher.open(trace);
        return 0;
    }

    /** Runs the command line on the process's stdout and stderr; returns the exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line writing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The command line with Sluice's error policy: one line, exit 2, stack trace only with --verbose. */
    public static CommandLine commandLine() {
        SluiceCommand root = new SluiceCommand();
        CommandLine cl = new CommandLine(root);
        cl.setExecutionStrategy(parsed -> {
            if (root.verbose || isVerbose(parsed)) {
                debugLog();
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println(failed.getCommandSpec().qualifiedName() + ": " + Secrets.redact(ex.getMessage())
                    + " (see " + failed.getCommandSpec().qualifiedName() + " --help)");
            err.flush();
            return CANNOT_RUN;
        });
        cl.setExecutionExceptionHandler((ex, failed, parsed) -> {
            PrintWriter err = failed.getErr();
            err.println(failed.getCommandSpec().qualifiedName() + ": " + Secrets.redact(ScenarioRunner.describe(ex)));
            if (root.verbose || isVerbose(parsed)) {
                ex.printStackTrace(err);
            }
            err.flush();
            return CANNOT_RUN;
        });
        return cl;
    }

    /** Whether {@code --verbose} was given to the root or to the subcommand that ran. */
    private static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose") && p.commandSpec().userObject() instanceof Verbose v && v.verbose()) {
                return true;
            }
            if (p.commandSpec().userObject() instanceof SluiceCommand s && s.verbose) {
                return true;
            }
        }
        return false;
    }

    /** A subcommand whose {@code --verbose} also means "show stack traces". */
    interface Verbose {
        boolean verbose();
    }

    private static void debugLog() {
        if (LoggerFactory.getLogger("dev.sluice") instanceof ch.qos.logback.classic.Logger sluice) {
            sluice.setLevel(ch.qos.logback.classic.Level.DEBUG);
        }
    }

    /** {@code sluice 0.1.0 (JDK 17.0.15, JavaFX 21.0.8)}: what a bug report needs to name the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sluice " + RunInfo.currentVersion()
                    + " (JDK " + Runtime.version() + ", JavaFX " + javafxVersion() + ")"};
        }

        /** Read from javafx.base's own properties file: the toolkit sets {@code javafx.version} only once started. */
        static String javafxVersion() {
            try (InputStream in = Observable.class.getResourceAsStream("/javafx.properties")) {
                if (in == null) {
                    return "unknown";
                }
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("javafx.version", "unknown");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read javafx.properties", e);
            }
        }
    }
}
