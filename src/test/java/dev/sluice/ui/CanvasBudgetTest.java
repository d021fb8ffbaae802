package dev.sluice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.model.ModelSnapshot;
import dev.sluice.ui.timeline.TimelineView;
import dev.sluice.ui.timeline.TimelineViewModel;
import java.util.List;
import java.util.Objects;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The canvases' draw budget on a real view (the timeline, headless): nothing new draws nothing, a
 * live run's growth is drawn once the budget allows, a seek at once. Pulses and the clock are driven
 * by the test ({@link TestPort#clock}, {@link CanvasPane#pulse()}).
 */
@ExtendWith(ApplicationExtension.class)
class CanvasBudgetTest {

    private TestPort port;
    private CanvasPane canvas;

    @Start
    void start(Stage stage) {
        port = new TestPort();
        ViewLoader.Loaded<TimelineView> loaded = ViewLoader.load(TimelineView.class);
        loaded.view().bind(new TimelineViewModel(port));
        Scene scene = new Scene(loaded.root(), 900, 500);
        scene.getStylesheets().add(Objects.requireNonNull(CanvasBudgetTest.class.getResource("/assets/css/console.css"))
                .toExternalForm());
        stage.setScene(scene);
        stage.show();
        canvas = (CanvasPane) loaded.root().lookup(".canvas-pane");
    }

    @Test
    void aLiveViewDrawsOnlyWhatChangedAndWithinItsBudget(FxRobot robot) throws Exception {
        ModelSnapshot first = Snapshots.demo();
        ModelSnapshot grown = Snapshots.demoWith(List.of());
        ModelSnapshot grownAgain = Snapshots.demoWith(List.of());
        robot.interact(() -> port.show(first, true));
        WaitForAsyncUtils.waitForFxEvents();
        long[] paints = new long[1];
        robot.interact(() -> {
            paints[0] = canvas.paints();
            canvas.pulse();
            canvas.pulse();
        });
        assertEquals(paints[0], canvas.paints(), "two pulses with nothing new draw nothing");

        robot.interact(() -> {
            port.clock += CanvasPane.LIVE_INTERVAL_NANOS + 1;
            port.show(grown, true);
        });
        assertEquals(paints[0] + 1, canvas.paints(), "growth after the budget's interval is drawn at once");

        robot.interact(() -> {
            port.clock += CanvasPane.LIVE_INTERVAL_NANOS / 4;
            port.show(grownAgain, true);
            canvas.pulse();
        });
        assertEquals(paints[0] + 1, canvas.paints(), "growth within the interval waits");
        robot.interact(() -> {
            port.clock += CanvasPane.LIVE_INTERVAL_NANOS;
            canvas.pulse();
            canvas.pulse();
        });
        assertEquals(paints[0] + 2, canvas.paints(), "the waiting change is drawn once when the budget allows");

        robot.interact(() -> port.seek(grownAgain.startNanos() + (grownAgain.endNanos() - grownAgain.startNanos()) / 2));
        assertEquals(paints[0] + 3, canvas.paints(), "a seek over the same model is drawn at once");
    }

    @Test
    void aReplayedRunIsDrawnOnEveryChange(FxRobot robot) throws Exception {
        ModelSnapshot model = Snapshots.demo();
        robot.interact(() -> port.show(model, false));
        long before = canvas.paints();
        robot.interact(() -> {
            port.seek(model.startNanos() + 1_000);
            port.seek(model.startNanos() + 2_000);
        });
        assertEquals(before + 2, canvas.paints(), "each cursor move of a replay is drawn in its pulse, the clock standing still");
    }
}
