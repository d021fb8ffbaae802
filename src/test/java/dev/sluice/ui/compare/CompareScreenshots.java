package dev.sluice.ui.compare;

import atlantafx.base.theme.PrimerLight;
import dev.sluice.compare.ComparedRun;
import dev.sluice.compare.Comparison;
import dev.sluice.scenario.FindingsSink;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceReader;
import dev.sluice.ui.PngExport;
import dev.sluice.ui.TestPort;
import dev.sluice.ui.ViewLoader;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Not a test: the compare view of two traces as a PNG for the docs (headless, as the tests run):
 * {@code java --add-opens=java.base/java.nio=ALL-UNNAMED <the surefire headless flags> -cp
 * target/classes:target/test-classes:CLASSPATH dev.sluice.ui.compare.CompareScreenshots A B OUT.png [--select-first]}
 * (the last: the first finding selected, highlighted in both runs' views).
 */
public final class CompareScreenshots {

    private CompareScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Compared c = Compared.of(Comparison.of(run(args[0]), run(args[1]), Comparison.DEFAULT_TOLERANCE_PERCENT));
        Path out = Path.of(args[2]);
        boolean select = args.length > 3 && "--select-first".equals(args[3]);
        CompletableFuture<PngExport.Picture> picture = new CompletableFuture<>();
        Platform.startup(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            ViewLoader.Loaded<CompareView> loaded = ViewLoader.load(CompareView.class);
            CompareViewModel vm = new CompareViewModel(new TestPort());
            loaded.view().bind(vm);
            vm.show(c);
            if (select) {
                loaded.view().findingsTable().getSelectionModel().select(0);
            }
            Scene scene = new Scene(loaded.root(), 1480, 960);
            scene.getStylesheets().add(Objects.requireNonNull(CompareView.class.getResource("/assets/css/console.css"))
                    .toExternalForm());
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            // two pulses: the tables lay out their rows first
            Platform.runLater(() -> Platform.runLater(() -> picture.complete(PngExport.take(loaded.root()))));
        });
        picture.get(30, TimeUnit.SECONDS).writeTo(out);
        Platform.exit();
    }

    private static ComparedRun run(String file) throws Exception {
        TraceContents contents = TraceReader.readAll(Path.of(file));
        return new ComparedRun(Path.of(file).getFileName().toString(), contents.run(), contents.events(),
                FindingsSink.replay(contents));
    }
}
