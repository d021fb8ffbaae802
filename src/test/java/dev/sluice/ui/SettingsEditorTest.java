package dev.sluice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.Styles;
import dev.sluice.scenario.ScenarioRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The settings editor follows the types and marks a refused value in place, with Run disabled. */
@ExtendWith(ApplicationExtension.class)
class SettingsEditorTest {

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

    private Control editor(FxRobot robot, String key) {
        FlowPane pane = robot.lookup(".settings-pane").queryAs(FlowPane.class);
        for (Node pair : pane.getChildren()) {
            for (Node n : ((HBox) pair).getChildren()) {
                if (key.equals(n.getUserData())) {
                    return (Control) n;
                }
            }
        }
        throw new AssertionError("no editor for " + key);
    }

    private static boolean marked(Control c) {
        return c.getPseudoClassStates().contains(Styles.STATE_DANGER);
    }

    @Test
    void aBadNumberIsMarkedAndRunIsDisabledUntilItIsFixed(FxRobot robot) {
        robot.interact(() -> console.shellModel().selectedProperty().set(ScenarioRegistry.find("demo").orElseThrow()));
        Button run = robot.lookup("#runButton").queryButton();
        Control requests = editor(robot, "demo.requests");
        assertTrue(requests instanceof Spinner<?>, "numbers get a spinner: " + requests);
        assertFalse(marked(requests));
        assertFalse(run.isDisabled());

        robot.interact(() -> ((Spinner<?>) requests).getEditor().setText("-5"));
        assertTrue(marked(requests), "the refused value is marked in place");
        assertEquals("demo.requests=-5: must be a whole number from 1 to 100000", requests.getTooltip().getText());
        assertTrue(run.isDisabled(), "Run is disabled while a value is refused");

        robot.interact(() -> ((Spinner<?>) requests).getEditor().setText("20"));
        assertFalse(marked(requests));
        assertFalse(run.isDisabled());
        assertTrue(uncaught.isEmpty(), uncaught::toString);
    }

    @Test
    void choicesBooleansAndTextFollowTheirTypes(FxRobot robot) {
        robot.interact(() -> console.shellModel().selectedProperty().set(
                ScenarioRegistry.find("s3-shared-client").orElseThrow()));
        Control lifecycle = editor(robot, "s3.lifecycle");
        assertTrue(lifecycle instanceof ComboBox<?>);
        assertEquals(List.of("shared", "per-thread", "per-request"), ((ComboBox<?>) lifecycle).getItems());
        assertTrue(editor(robot, "s3.path-style") instanceof CheckBox);
        Control endpoint = editor(robot, "s3.endpoint");
        assertTrue(endpoint instanceof TextField);
        robot.interact(() -> ((TextField) endpoint).setText("http://AKIAIOSFODNN7EXAMPLE:x@127.0.0.1:9000"));
        assertTrue(marked(endpoint));
        assertTrue(endpoint.getTooltip().getText().startsWith("s3.endpoint=http://<redacted>@127.0.0.1:9000: user info"),
                endpoint.getTooltip().getText());
        assertTrue(robot.lookup("#runButton").queryButton().isDisabled());
    }
}
