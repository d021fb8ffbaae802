package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice bench agent}'s set-up, without running it: no timings here. */
class AgentBenchTest {

    @TempDir
    Path dir;

    @Test
    void withoutTheAgentJarTheBenchSaysInOneLineHowToBuildIt() throws Exception {
        Path sluiceJar = Files.createDirectories(dir.resolve("target")).resolve("sluice.jar");
        BenchUnavailableException e = assertThrows(BenchUnavailableException.class, () -> new AgentBench(sluiceJar).run(true));
        assertEquals("no sluice-agent.jar in " + dir.resolve("target") + " (beside Sluice's own jar); build it with mvn package",
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(Benchmarks.find("agent").isPresent(), "sluice bench agent is not registered");
    }

    @Test
    void theChildRunsTheAppWithTheAgentOnlyWhenAskedAndNeverWithSluicesClasses() throws Exception {
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.writeString(target.resolve("sluice-agent.jar"), "");
        Path classes = Files.createDirectories(target.resolve("classes"));
        Path sdk = Files.writeString(dir.resolve("s3-2.54.2.jar"), "");
        Path byteBuddy = Files.writeString(dir.resolve("byte-buddy-1.17.jar"), "");
        Path logback = Files.writeString(dir.resolve("logback-classic-1.5.jar"), "");
        Path testClasses = Files.createDirectories(target.resolve("test-classes"));
        String classPath = String.join(File.pathSeparator, testClasses.toString(), classes.toString(), sdk.toString(),
                byteBuddy.toString(), logback.toString());
        try (AgentBenchJvm jvm = AgentBenchJvm.prepare(classes, classPath, 768)) {
            Path trace = dir.resolve("run.sluice");
            Path figures = dir.resolve("figures.properties");
            List<String> with = jvm.command(AgentBenchS3App.class, trace, figures, List.of("a", "b"));
            List<String> without = jvm.command(AgentBenchS3App.class, null, figures, List.of("a", "b"));
            assertTrue(with.contains("-D" + AgentBenchFigures.FIGURES_PROPERTY + "=" + figures), with.toString());
            assertTrue(with.contains("-javaagent:" + target.resolve("sluice-agent.jar") + "=record=" + trace), with.toString());
            assertTrue(without.stream().noneMatch(a -> a.startsWith("-javaagent")), without.toString());
            assertTrue(with.containsAll(List.of("-Xms768m", "-Xmx768m")) && without.containsAll(List.of("-Xms768m", "-Xmx768m")),
                    "both sides get the same fixed heap: " + with + " " + without);
            assertEquals(with.size() - 1, without.size(), "the agent option is the only difference: " + with + " " + without);
            assertEquals(List.of(AgentBenchS3App.class.getName(), "a", "b"), with.subList(with.size() - 3, with.size()));
            List<String> path = List.of(with.get(with.indexOf("-cp") + 1).split(File.pathSeparator));
            assertEquals(List.of(sdk.toString()), path.subList(1, path.size()), "only the apps' directory and the libraries");
            for (Class<?> app : AgentBenchJvm.APP_CLASSES) {
                assertTrue(Files.isRegularFile(Path.of(path.get(0)).resolve(app.getName().replace('.', '/') + ".class")),
                        app.getName() + " was not copied out for the child");
            }
        }
    }

    @Test
    void theHeapHoldsTheBodiesInFlightEightTimesOverAndNeverLessThanTheMinimum() {
        assertEquals(AgentBenchJvm.MIN_HEAP_MIB, AgentBenchJvm.heapMiB(16, 1L << 20), "--quick: 16 bodies of 1 MiB");
        assertEquals(1024, AgentBenchJvm.heapMiB(32, 4L << 20), "the full run: 32 bodies of 4 MiB");
    }

    @Test
    void sluicesJarGivesWayToTheLibrariesItsManifestLists() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path netty = Files.writeString(lib.resolve("netty-2.54.2.jar"), "");
        Files.writeString(lib.resolve("byte-buddy-1.17.jar"), "");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/netty-2.54.2.jar lib/byte-buddy-1.17.jar lib/gone.jar");
        Path jar = dir.resolve("sluice.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
        assertEquals(List.of(netty), AgentBenchJvm.libraries(jar, jar.toString()));
    }

    @Test
    void aChildsFiguresAreReadAndAMissingOneIsRefusedInOneLine() throws IOException {
        Properties p = new Properties();
        p.setProperty(AgentBenchFigures.BYTES, Long.toString(1L << 30));
        p.setProperty(AgentBenchFigures.WORK_NANOS, "2000000000");
        p.setProperty(AgentBenchFigures.CPU_NANOS, "3000000000");
        p.setProperty(AgentBenchFigures.PASS_CPU_NANOS, "2500000000");
        p.setProperty(AgentBenchFigures.MAIN_MILLIS, "80");
        p.setProperty(AgentBenchFigures.FIRST_REQUEST_MILLIS, "400");
        p.setProperty(AgentBenchFigures.AGENT_START_MILLIS, "-1");
        p.setProperty(AgentBenchFigures.AGENT_WEAVING_MILLIS, "-1");
        p.setProperty(AgentBenchFigures.WARM_UP_PASSES, "3");
        p.setProperty(AgentBenchFigures.WARM_UP_QUIET, "0");
        p.setProperty(AgentBenchFigures.WARM_UP_MILLIS, "6010");
        p.setProperty(AgentBenchFigures.AGENT_CPU_BEFORE_NANOS, "900000000");
        p.setProperty(AgentBenchFigures.AGENT_CPU_TIMED_NANOS, "20000000");
        p.setProperty(AgentBenchFigures.JIT_BEFORE_MILLIS, "4000");
        p.setProperty(AgentBenchFigures.JIT_TIMED_MILLIS, "300");
        p.setProperty(AgentBenchFigures.AGENT_READY_BEFORE, "1");
        p.setProperty(AgentBenchFigures.GC_TIMED_MILLIS, "12");
        p.setProperty(AgentBenchFigures.GC_TIMED_COUNT, "3");
        p.setProperty(AgentBenchFigures.ALLOCATED_TIMED_BYTES, Long.toString(256L << 20));
        AgentBenchJvm.Figures f = AgentBenchJvm.parse(p, 0);
        assertEquals(new AgentBenchJvm.Costs(12, 3, 256L << 20, 2_500_000_000L, -1), f.costs());
        assertEquals(256.0, f.allocatedMiBPerGiB(), 1e-9);
        assertTrue(Double.isNaN(f.serverCpuSecondsPerGiB()));
        assertEquals(1.5, f.withServerCpu(1_500_000_000L).serverCpuSecondsPerGiB(), 1e-9);
        assertEquals(new AgentBenchJvm.Warm(3, false, 6010, 900_000_000, 20_000_000, 4000, 300, true), f.warm());
        assertEquals(512.0, f.mibPerSecond(), 1e-9);
        assertEquals(3.0, f.cpuSecondsPerGiB(), 1e-9);
        assertEquals(2.5, f.passCpuSecondsPerGiB(), 1e-9);
        assertEquals(400, f.firstRequestMillis());
        p.remove(AgentBenchFigures.CPU_NANOS);
        IOException e = assertThrows(IOException.class, () -> AgentBenchJvm.parse(p, 0));
        assertEquals("bench agent: the app's figures have no number for cpuNanos (null); accepted: the integer figures "
                + "AgentBenchFigures writes", e.getMessage());
    }

    @Test
    void theUserAppsRefuseWrongArgumentsWithTheirUsage() {
        IllegalArgumentException s3 = assertThrows(IllegalArgumentException.class, () -> AgentBenchS3App.main(new String[] {"x"}));
        assertEquals(AgentBenchS3App.USAGE + " (got 1 arguments)", s3.getMessage());
        IllegalArgumentException flight = assertThrows(IllegalArgumentException.class, () -> AgentBenchFlightApp.main(new String[0]));
        assertEquals(AgentBenchFlightApp.USAGE + " (got 0 arguments)", flight.getMessage());
    }
}
