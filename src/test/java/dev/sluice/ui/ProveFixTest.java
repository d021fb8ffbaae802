package dev.sluice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.FindingCode;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.ui.compare.CompareViewModel;
import dev.sluice.ui.findings.FindingsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** "Run with the fix" from the findings pane: the fixed run is recorded beside the trace and compared with it. */
@ExtendWith(ApplicationExtension.class)
class ProveFixTest {

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Console console;

    @Start
    void start(Stage stage) {
        console = TestConsoles.open(stage, uncaught);
    }

    @Test
    void aLeakFixedBySharingTheClientIsProvenGone(FxRobot robot, @TempDir Path dir) throws Exception {
        Path before = dir.resolve("leak.sluice");
        RunResult recorded = ScenarioRunner.run(ScenarioRegistry.find("s3-thread-local-clients").orElseThrow(),
                ScenarioRunner.Options.defaults().withRecord(before).withDataDir(dir.resolve("data")).withOverrides(
                        Map.of("s3.dataset.objects", "8", "s3.dataset.max-size", "256KiB", "s3.threads", "2")));
        assertTrue(recorded.findings().stream().anyMatch(f -> f.code() == FindingCode.CLIENT_LEAKED), "the hazard");

        robot.interact(() -> console.session().openTrace(before));
        FindingsViewModel findings = console.findingsModel();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !findings.rows().isEmpty());
        robot.interact(() -> {
            findings.select(findings.rows().stream().filter(r -> r.code() == FindingCode.CLIENT_LEAKED)
                    .findFirst().orElseThrow());
            findings.runWithFix();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Window.getWindows().size() > 1);
        WaitForAsyncUtils.waitForFxEvents();

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("s3-thread-local-clients-fixed-"))
                    .count(), "the fixed run is recorded beside the trace it fixes");
        }
        Stage compare = (Stage) Window.getWindows().stream().filter(w -> w != console.stage()).findFirst().orElseThrow();
        assertTrue(compare.getTitle().startsWith("Sluice — compare leak.sluice with s3-thread-local-clients-fixed-"),
                compare.getTitle());
        // the verdict also weighs throughput, which a small run on a busy machine cannot promise: judge the findings
        @SuppressWarnings("unchecked")
        TableView<CompareViewModel.FindingRow> rows =
                (TableView<CompareViewModel.FindingRow>) compare.getScene().getRoot().lookup("#findingsTable");
        assertTrue(rows.getItems().stream().anyMatch(r -> r.code() == FindingCode.CLIENT_LEAKED
                && r.change() == CompareViewModel.Change.GONE), () -> rows.getItems().toString());
        assertTrue(rows.getItems().stream().noneMatch(r -> r.change() == CompareViewModel.Change.NEW),
                () -> rows.getItems().toString());
        assertEquals(List.of(), uncaught);
    }
}
