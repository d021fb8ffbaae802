package dev.sluice.ui;

import dev.sluice.compare.Comparison;
import dev.sluice.ui.compare.CompareView;
import dev.sluice.ui.compare.CompareViewModel;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Two runs side by side in a window of their own over the console. */
final class CompareWindow {

    private CompareWindow() {
    }

    /** Shows {@code comparison}; FX thread. */
    static Stage show(Window owner, Comparison comparison) {
        FxThread.check("showing a comparison");
        ViewLoader.Loaded<CompareView> loaded = ViewLoader.load(CompareView.class);
        CompareViewModel model = new CompareViewModel();
        loaded.view().bind(model);
        model.show(comparison);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Sluice — compare " + comparison.a().name() + " with " + comparison.b().name());
        Scene scene = new Scene(loaded.root(), 1100, 720);
        scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        scene.getRoot().getStyleClass().addAll(owner.getScene().getRoot().getStyleClass());
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
