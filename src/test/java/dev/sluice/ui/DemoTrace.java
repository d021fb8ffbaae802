package dev.sluice.ui;

import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Records the demo scenario once per JVM for the UI tests. */
public final class DemoTrace {

    private static Path trace;

    private DemoTrace() {
    }

    public static synchronized Path get() throws Exception {
        if (trace == null) {
            trace = record(Files.createTempDirectory("sluice-ui-test").resolve("demo.sluice"));
        }
        return trace;
    }

    /** A small demo run recorded to {@code file} (its directory is the run's data dir). */
    public static Path record(Path file) throws Exception {
        RunResult result = ScenarioRunner.run(ScenarioRegistry.find("demo").orElseThrow(),
                ScenarioRunner.Options.defaults().withDataDir(file.getParent()).withRecord(file)
                        .withOverrides(Map.of("demo.requests", "20", "demo.pace", "1ms")));
        if (!result.completed()) {
            throw new IllegalStateException("demo did not complete: " + result.outcome(), result.error());
        }
        return file;
    }
}
