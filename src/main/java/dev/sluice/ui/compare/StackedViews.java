package dev.sluice.ui.compare;

import dev.sluice.event.Engine;
import dev.sluice.ui.CanvasPane;
import dev.sluice.ui.EngineView;
import dev.sluice.ui.ViewPort;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Both runs' views stacked, A above B, a tab per view: the timeline and every engine view of
 * {@link EngineView#ALL}, the same views the console shows, each fed with its run's port (one
 * cursor, one selection, one time span), so a stall in A sits right over its absence in B.
 */
final class StackedViews {

    private StackedViews() {
    }

    /** Fills {@code tabs} with the stacked views of {@code vm}'s two runs and follows the engine in question. */
    static void fill(TabPane tabs, CompareViewModel vm) {
        EngineView<?, ?> timeline = EngineView.TIMELINE;
        tabs.getTabs().add(tab(timeline.title(), "All engines of both runs on one clock", vm,
                port -> timeline.build(port).root(), null));
        for (EngineView<?, ?> spec : EngineView.ALL) {
            tabs.getTabs().add(tab(spec.title(), spec.tooltip(), vm, port -> spec.build(port).root(), spec.engine()));
        }
        // hidden tabs skip painting; paint the one that comes into view
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> Platform.runLater(() ->
                tab.getContent().lookupAll(".canvas-pane").forEach(n -> ((CanvasPane) n).redraw())));
        vm.engineInQuestionProperty().addListener((obs, old, engine) -> tabs.getTabs().stream()
                .filter(t -> t.getUserData() == engine).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));
    }

    private static Tab tab(String title, String tooltip, CompareViewModel vm, Function<ViewPort, Parent> view,
                           Engine engine) {
        VBox box = new VBox(2, heading(vm, vm.a()), grow(view.apply(vm.a())), heading(vm, vm.b()),
                grow(view.apply(vm.b())));
        box.getStyleClass().add("stacked-runs");
        Tab tab = new Tab(title, box);
        tab.setClosable(false);
        tab.setTooltip(new Tooltip(tooltip + ": run A above run B, on one time axis"));
        tab.setUserData(engine);
        return tab;
    }

    private static Label heading(CompareViewModel vm, ViewPort port) {
        Label label = new Label();
        label.getStyleClass().add("stacked-run-name");
        vm.runsProperty().addListener(o -> label.setText(vm.name(port)));
        label.setText(vm.name(port));
        return label;
    }

    private static Parent grow(Parent view) {
        VBox.setVgrow(view, Priority.ALWAYS);
        return view;
    }
}
