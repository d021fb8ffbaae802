package dev.sluice.cli;

import dev.sluice.source.SourceException;
import dev.sluice.source.attach.LocalJvms;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "attach", mixinStandardHelpOptions = true, description = {
        "Load Sluice's agent into a running local JVM (the Attach API): it records a trace and/or serves the"
                + " events live to a console (Attach… in the console, host:port).",
        "JDK 21 and later print a warning in the target unless it was started with -XX:+EnableDynamicAgentLoading;"
                + " clients the job built before the attach are not seen.",
        "Exit 0: attached (or listed); 2: the JVM cannot be attached or the agent refused to start."})
final class AttachCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PID", description = "The process id of the JVM.")
    String pid;

    @Option(names = "--list", description = "List the local JVMs (pid and main class) and exit.")
    boolean list;

    @Option(names = "--record", paramLabel = "FILE", description = "The trace the agent writes (the target JVM writes it).")
    Path record;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Serve the events live there (port 0: any free"
            + " port; the address is printed). Loopback unless --token-env is given.")
    String listen;

    @Option(names = "--token-env", paramLabel = "NAME", description = "The environment variable OF THE TARGET JVM that"
            + " holds the token a console must present (needed for a listen address that is not loopback).")
    String tokenEnv;

    @Option(names = "--agent", paramLabel = "JAR", description = "The agent jar (default: sluice-agent.jar beside Sluice's"
            + " own jar).")
    Path agent;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            out.printf("%-10s %s%n", "PID", "MAIN CLASS");
            for (LocalJvms.Jvm jvm : LocalJvms.list()) {
                out.printf("%-10s %s%n", jvm.pid(), jvm.mainClass());
            }
            out.flush();
            return 0;
        }
        if (pid == null) {
            err.println("sluice attach: no PID given; accepted: sluice attach PID --record FILE and/or --listen HOST:PORT,"
                    + " or sluice attach --list");
            return SluiceCommand.CANNOT_RUN;
        }
        if (record == null && listen == null) {
            err.println("sluice attach: " + pid + ": nothing to do; accepted: --record FILE and/or --listen HOST:PORT");
            return SluiceCommand.CANNOT_RUN;
        }
        List<String> options = new ArrayList<>();
        if (record != null) {
            // the target resolves a relative path against its own working directory: give it ours
            options.add("record=" + record.toAbsolutePath());
        }
        if (listen != null) {
            options.add("listen=" + listen);
        }
        if (tokenEnv != null) {
            options.add("token.env=" + tokenEnv);
        }
        String joined = String.join(",", options);
        if (joined.chars().filter(c -> c == ',').count() != options.size() - 1) {
            err.println("sluice attach: " + pid + ": a path or address holds a comma, which the agent's options cannot"
                    + " carry; accepted: paths and addresses without commas");
            return SluiceCommand.CANNOT_RUN;
        }
        try {
            Path jar = agent != null ? agent : LocalJvms.agentJar();
            String listening = LocalJvms.load(pid, jar, joined);
            if (record != null) {
                out.println("attached to pid " + pid + ": recording " + record.toAbsolutePath()
                        + " (the trace is complete when the job exits)");
            }
            if (listening != null) {
                out.println("attached to pid " + pid + ": listening on " + listening
                        + " (console: File > Attach…, host:port " + listening + ")");
            }
            out.flush();
            return 0;
        } catch (SourceException e) {
            err.println("sluice attach: " + e.getMessage());
            return SluiceCommand.CANNOT_RUN;
        }
    }
}
