package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's side of a user app's commands, against a child JVM that serves them with a pass of fixed bytes. */
class AgentBenchChildTest {

    static final long PASS_BYTES = 4096;

    @TempDir
    Path dir;

    /** A user app whose pass reads nothing: it answers the bench's commands as the real ones do. */
    public static final class FixedPassApp {
        public static void main(String[] args) throws Exception {
            AgentBenchFigures figures = new AgentBenchFigures();
            figures.firstRequest();
            if (args.length > 0) {
                throw new IllegalStateException("asked to fail: " + args[0]);
            }
            figures.serve(() -> {
                Thread.sleep(2);
                return PASS_BYTES;
            });
        }
    }

    private List<String> command(String... args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-D" + AgentBenchFigures.FIGURES_PROPERTY + "=" + dir.resolve("figures.properties"),
                "-cp", System.getProperty("java.class.path"), FixedPassApp.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void aChildWarmsUpPassesWhenAskedAndEndsWithItsFigures() throws Exception {
        AgentBenchJvm.Figures figures;
        try (AgentBenchChild child = AgentBenchChild.start("fixed", command(), Map.of(), dir.resolve("app.log"),
                dir.resolve("figures.properties"), null)) {
            child.warmUp();
            child.pass();
            child.pass();
            child.pass();
            figures = child.end();
        }
        assertEquals(3 * PASS_BYTES, figures.bytes(), "the timed passes' bytes, the warm-up's left out");
        assertTrue(figures.warm().warmUpPasses() >= AgentBenchFigures.MIN_WARM_UP, figures.warm().toString());
        assertTrue(figures.costs().serverCpuNanos() >= 0, "the servers' CPU over the passes is taken");
        assertEquals(0, figures.traceBytes(), "no agent, no trace");
    }

    @Test
    void aChildThatDiesBeforeItIsReadySaysSoInOneLineWithItsLastOutput() {
        IOException e = assertThrows(IOException.class, () -> AgentBenchChild.start("failing", command("on purpose"), Map.of(),
                dir.resolve("app.log"), dir.resolve("figures.properties"), null).close());
        assertTrue(e.getMessage().startsWith("bench agent: failing ended before answering 'ready' (exit 1); its last output: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("asked to fail: on purpose"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
