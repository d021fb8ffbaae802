package dev.sluice.ui;

import dev.sluice.compare.Comparison;
import dev.sluice.ui.compare.CompareView;
import dev.sluice.ui.compare.CompareViewModel;
import dev.sluice.ui.compare.Compared;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Two runs side by side, their views stacked, in a window of their own over the console. */
final class CompareWindow {

    private CompareWindow() {
    }

    /** Shows {@code compared}; FX thread. */
    static Stage show(Window owner, Compared compared) {
        FxThread.check("showing a comparison");
        Comparison comparison = compared.comparison();
        ViewLoader.Loaded<CompareView> loaded = ViewLoader.load(CompareView.class);
        CompareView view = loaded.view();
        Background files = Background.serial("sluice-compare-files-");
        CompareViewModel model = new CompareViewModel(new WindowPort(view, files));
        if (owner.getScene().getRoot().getStyleClass().contains("theme-dark")) {
            model.paletteProperty().set(Palette.DARK);
        }
        view.bind(model);
        model.show(compared);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Sluice — compare " + comparison.a().name() + " with " + comparison.b().name());
        WindowSize size = WindowSize.fitted(1480, 960);
        Scene scene = new Scene(loaded.root(), size.width(), size.height());
        scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        scene.getRoot().getStyleClass().addAll(owner.getScene().getRoot().getStyleClass());
        stage.setScene(scene);
        stage.setOnHidden(e -> files.shutdown());
        stage.show();
        return stage;
    }

    /** The compare window's own status line and file thread, for the views of its two runs. */
    private static final class WindowPort implements UiPort {
        private final CompareView view;
        private final Background files;
        private final FileWrites writes;

        WindowPort(CompareView view, Background files) {
            this.view = view;
            this.files = files;
            this.writes = new FileWrites(Platform::runLater, view::report, (title, why) -> view.report(title + ": " + why));
        }

        @Override
        public void confine(String what) {
            FxThread.check(what);
        }

        @Override
        public void report(String message) {
            view.report(message);
        }

        @Override
        public void write(Path target, String what, FileJob job) {
            writes.write(files, target, what, job);
        }

        @Override
        public void remember(Path target, String what, FileJob job) {
            writes.write(files, target, what, job, true);
        }
    }
}
