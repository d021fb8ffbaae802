package dev.sluice.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.compare.Comparison;
import dev.sluice.ui.TestPort;
import dev.sluice.ui.ViewLoader;
import java.util.Objects;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import dev.sluice.detect.ResourceRef;
import java.util.List;
import javafx.scene.control.Tab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The compare view from its FXML, headless (Monocle): the findings diff, the figures table and the verdict. */
@ExtendWith(ApplicationExtension.class)
class CompareViewTest {

    private CompareViewModel vm;
    private CompareView view;

    @Start
    void start(Stage stage) {
        ViewLoader.Loaded<CompareView> loaded = ViewLoader.load(CompareView.class);
        vm = new CompareViewModel(new TestPort());
        view = loaded.view();
        view.bind(vm);
        Scene scene = new Scene(loaded.root(), 1000, 700);
        scene.getStylesheets().add(Objects.requireNonNull(CompareView.class.getResource("/assets/css/console.css"))
                .toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aComparisonShowsItsFindingsFiguresAndVerdict(FxRobot robot) {
        robot.interact(() -> vm.show(Compared.of(Comparison.of(
                CompareViewModelTest.run("b", "drain", CompareViewModelTest.flight(10, 0)),
                CompareViewModelTest.run("a", "select-all", CompareViewModelTest.flight(10, 3000),
                        CompareViewModelTest.stall()), Comparison.DEFAULT_TOLERANCE_PERCENT))));
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(robot.lookup(".compare-view .table-row-cell .table-cell").queryAllAs(Labeled.class)
                .stream().anyMatch(c -> "FLOW_CONTROL_STALL".equals(c.getText())), "the new finding is listed");
        Label verdict = robot.lookup(".compare-verdict").queryAs(Label.class);
        assertTrue(verdict.getText().startsWith("does not hold: new in B: FLOW_CONTROL_STALL"), verdict.getText());
        assertFalse(verdict.getPseudoClassStates().contains(PseudoClass.getPseudoClass("holds")), "red until the fix holds");
        long worseRows = robot.lookup(".compare-view .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getPseudoClassStates().contains(PseudoClass.getPseudoClass("worse"))).count();
        assertEquals(2, worseRows, "bytes/s and stall time are marked worse");

        robot.interact(() -> vm.show(Compared.of(Comparison.of(
                CompareViewModelTest.run("a", "select-all", CompareViewModelTest.flight(10, 3000), CompareViewModelTest.stall()),
                CompareViewModelTest.run("b", "drain", CompareViewModelTest.flight(10, 0)), Comparison.DEFAULT_TOLERANCE_PERCENT))));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(verdict.getPseudoClassStates().contains(PseudoClass.getPseudoClass("holds")), verdict.getText());
        assertEquals("1 gone, 0 stayed, 0 new", robot.lookup(".compare-view .text-muted").match(n -> n instanceof Label l
                && l.getText().contains("gone")).queryAs(Label.class).getText());
    }

    @Test
    void bothRunsViewsAreStackedAndTheFindingsEngineIsShownFirst(FxRobot robot) {
        robot.interact(() -> vm.show(Compared.of(Comparison.of(
                CompareViewModelTest.run("a", "select-all", CompareViewModelTest.flight(10, 3000),
                        CompareViewModelTest.stall()),
                CompareViewModelTest.run("b", "drain", CompareViewModelTest.flight(10, 0)),
                Comparison.DEFAULT_TOLERANCE_PERCENT))));
        WaitForAsyncUtils.waitForFxEvents();

        List<String> titles = view.stackTabs().getTabs().stream().map(Tab::getText).toList();
        assertEquals(List.of("Timeline", "Event loops (S3)", "HTTP/2 windows (Flight)", "Commits (Delta)"), titles);
        Tab shown = view.stackTabs().getSelectionModel().getSelectedItem();
        assertEquals("HTTP/2 windows (Flight)", shown.getText(), "the stall is a Flight finding");
        assertEquals(2, shown.getContent().lookupAll(".canvas-pane").size(), "A's view above B's");
        assertEquals(List.of("A: a.sluice", "B: b.sluice"), shown.getContent().lookupAll(".stacked-run-name").stream()
                .map(n -> ((Label) n).getText()).toList());

        robot.interact(() -> view.findingsTable().getSelectionModel().select(0));
        assertEquals(List.of(ResourceRef.of("connection", "conn-0")), vm.b().selectionProperty().get(),
                "the finding selected highlights what it names in both runs' views");
    }
}
