package dev.sluice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.FindingCode;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.ThreadGuard;
import dev.sluice.model.s3.S3Part;
import dev.sluice.model.s3.ThreadLane;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.scenario.ScenarioSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A live run started from the console: engine work stays off the FX thread, model work stays on the
 * dispatcher, UI work stays on the FX thread — any slip fails here.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleLiveRunTest {

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Console console;

    @Start
    void start(Stage stage) {
        console = TestConsoles.open(stage, uncaught);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> console.stage().close());
    }

    @Test
    void aLiveDemoRunKeepsEveryPieceOfWorkOnItsThread(FxRobot robot, @TempDir Path dir) throws Exception {
        long violationsBefore = ThreadGuard.violations();
        Path record = dir.resolve("live.sluice");
        ScenarioSource demo = new ScenarioSource(ScenarioRegistry.find("demo").orElseThrow(),
                ScenarioRunner.Options.defaults().withOverrides(Map.of("demo.requests", "20", "demo.pace", "1ms")));
        robot.interact(() -> console.session().startLive(demo, record));
        // on a loaded machine the start alone can take seconds: wait for the end, however long the start took
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> console.session().frameProperty().get().model().complete()
                && !console.session().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        ModelSnapshot model = console.session().frameProperty().get().model();
        assertTrue(model.eventCount() > 100, "the live model saw the run");
        assertTrue(model.findings().stream().anyMatch(f -> f.code() == FindingCode.CLIENT_LEAKED));
        for (ThreadLane lane : S3Part.of(model).threads()) {
            assertFalse(lane.thread().contains("JavaFX Application Thread"), "engine work ran on the FX thread: " + lane);
        }
        assertTrue(console.session().traceBytesProperty().get() > 0, "the recording's size is shown");
        assertEquals(violationsBefore, ThreadGuard.violations(), "model or UI work on a wrong thread");
        assertTrue(uncaught.isEmpty(), () -> "uncaught on the FX thread: " + uncaught);
    }

    @Test
    void viewModelsRefuseWorkOffTheFxThread() {
        long before = ThreadGuard.violations();
        Frame frame = new Frame(ModelSnapshot.EMPTY, 5, false);
        // a frame published from a background thread reaches the ViewModels' listeners there
        assertThrows(IllegalStateException.class, () -> console.findingsModel().select(null));
        assertThrows(IllegalStateException.class, () -> console.timelineModel().picture(100));
        assertThrows(IllegalStateException.class, () -> console.session().openTrace(Path.of("x.sluice")));
        assertTrue(ThreadGuard.violations() >= before + 3, "each slip is counted");
        assertFalse(Platform.isFxApplicationThread());
        assertTrue(frame.cursorNanos() == 5);
    }
}
