package dev.sluice.source.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.sluice.source.SourceException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVMs of this user on this machine, and loading Sluice's agent into one (the Attach API, module
 * {@code jdk.attach}). On JDK 21 and later the target prints a warning when an agent is loaded into it
 * unless it was started with {@code -XX:+EnableDynamicAgentLoading}; the agent loads either way.
 */
public final class LocalJvms {

    private static final Logger LOG = LoggerFactory.getLogger(LocalJvms.class);
    /** The system property the agent sets in its JVM to the address it listens on. */
    static final String LISTENING_PROPERTY = "sluice.agent.listening";
    /** The system property the agent sets in its JVM once it runs. */
    static final String RUNNING_PROPERTY = "sluice.agent.running";
    static final String AGENT_JAR = "sluice-agent.jar";

    /** A local JVM: its process id and main class (or jar) as the JVM names it. */
    public record Jvm(String pid, String mainClass) { }

    private LocalJvms() {
    }

    /** The local JVMs other than this one, by pid. */
    public static List<Jvm> list() {
        String self = Long.toString(ProcessHandle.current().pid());
        List<Jvm> jvms = new ArrayList<>();
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (!d.id().equals(self)) {
                jvms.add(new Jvm(d.id(), mainClass(d.displayName())));
            }
        }
        jvms.sort(Comparator.comparingLong(j -> j.pid().matches("[0-9]{1,18}") ? Long.parseLong(j.pid()) : Long.MAX_VALUE));
        return jvms;
    }

    /** The main class or jar of a JVM's display name (its command line), without its arguments. */
    static String mainClass(String displayName) {
        String first = displayName == null || displayName.isBlank() ? "" : displayName.trim().split("\\s+", 2)[0];
        int slash = Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\'));
        String name = first.substring(slash + 1);
        return name.isEmpty() ? "(unknown main class)" : name;
    }

    /**
     * Loads the agent into {@code pid} with {@code options} and returns the address it listens on (null
     * when it does not listen). A JVM that already runs Sluice's agent is not loaded twice: its address is
     * returned as it is.
     *
     * @throws SourceException in one line: no such JVM, not attachable, the agent refused to start
     */
    public static String load(String pid, Path agentJar, String options) throws SourceException {
        String where = "pid " + pid;
        if (!pid.matches("[0-9]{1,18}")) {
            throw new SourceException(pid, "is not a process id; `sluice attach --list` lists the local JVMs");
        }
        if (!Files.isRegularFile(agentJar)) {
            throw new SourceException(agentJar.toString(), "no such agent jar; give the path of sluice-agent.jar");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException | IOException e) {
            throw new SourceException(where, "cannot attach (" + e.getMessage() + "); a local JVM of this user, Java 9"
                    + " or later, not started with -XX:+DisableAttachMechanism, is accepted", e);
        }
        try {
            String listening = vm.getSystemProperties().getProperty(LISTENING_PROPERTY);
            if (listening != null) {
                return listening;
            }
            if (vm.getSystemProperties().getProperty(RUNNING_PROPERTY) != null) {
                throw new SourceException(where, "Sluice's agent already runs there, recording but not listening;"
                        + " a JVM takes the agent once");
            }
            vm.loadAgent(agentJar.toAbsolutePath().toString(), options);
            return vm.getSystemProperties().getProperty(LISTENING_PROPERTY);
        } catch (AgentInitializationException e) {
            throw new SourceException(where, "the agent refused to start (its reason is on that process's standard"
                    + " error)", e);
        } catch (AgentLoadException | IOException e) {
            throw new SourceException(where, "cannot load " + agentJar + ": " + e.getMessage(), e);
        } finally {
            try {
                vm.detach();
            } catch (IOException e) {
                LOG.debug("detaching from {} failed", where, e);
            }
        }
    }

    /** sluice-agent.jar in the directory of Sluice's own jar (target/ in a build, beside sluice.jar in an install). */
    public static Path agentJar() throws SourceException {
        Path self;
        try {
            self = Path.of(LocalJvms.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new SourceException(AGENT_JAR, "cannot tell where Sluice runs from; give the agent jar's path", e);
        }
        Path jar = self.toAbsolutePath().getParent().resolve(AGENT_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new SourceException(jar.toString(), "no such file; give the agent jar's path (the build makes target/"
                    + AGENT_JAR + ")");
        }
        return jar;
    }
}
