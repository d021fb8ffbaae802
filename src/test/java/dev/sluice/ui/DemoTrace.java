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
            Path dir = Files.createTempDirectory("sluice-ui-test");
            Path file = dir.resolve("demo.sluice");
            RunResult result = ScenarioRunner.run(ScenarioRegistry.find("demo").orElseThrow(),
                    ScenarioRunner.Options.defaults().withDataDir(dir).withRecord(file)
                            .withOverrides(Map.of("demo.requests", "20", "demo.pace", "1ms")));
            if (!result.completed()) {
                throw new IllegalStateException("demo did not complete: " + result.outcome(), result.error());
            }
            trace = file;
        }
        return trace;
    }
}
