package dev.sluice.ui.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;
import dev.sluice.profile.CheckResult;
import dev.sluice.profile.ProfileCheck;
import dev.sluice.profile.ProfileField;
import dev.sluice.profile.ProfileStore;
import dev.sluice.ui.PngExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
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
 * The Connections dialog, headless: add a profile, fill a field, save it to the file, test it and
 * see the per-check result. {@code -Dsluice.shots=DIR} also writes the dialog's picture for the docs.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectionsDialogTest {

    @TempDir
    static Path dir;

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final AtomicInteger closed = new AtomicInteger();
    private Stage dialog;
    private ProfileStore store;

    @Start
    void start(Stage owner) {
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        owner.setScene(new Scene(new StackPane(), 200, 100));
        owner.show();
        store = new ProfileStore(dir.resolve("profiles.toml"));
        dialog = ConnectionsDialog.show(owner, store, new ProfileCheck(Duration.ofSeconds(5), k -> null),
                closed::incrementAndGet);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> dialog.close());
    }

    private static TextField field(FxRobot robot, ProfileField f) {
        return robot.lookup((Node n) -> n instanceof TextField && f.path().equals(n.getUserData())).queryAs(TextField.class);
    }

    @Test
    void addSaveAndTestAProfile(FxRobot robot) throws Exception {
        Button delete = robot.lookup("#deleteButton").queryButton();
        assertTrue(delete.isDisabled(), "the built-in profile cannot be deleted");
        assertTrue(field(robot, ProfileField.S3_ENDPOINT).isDisabled(), "nor edited");

        robot.clickOn("#addButton");
        assertTrue(!delete.isDisabled());
        Path table = Files.createDirectories(dir.resolve("table"));
        robot.interact(() -> {
            robot.lookup("#nameField").queryAs(TextField.class).setText("local-lake");
            robot.lookup("#descriptionField").queryAs(TextField.class).setText("a table on this disk");
            field(robot, ProfileField.DELTA_TABLE).setText(table.toString());
        });
        robot.clickOn("#saveButton");
        assertEquals(table.toString(), store.find("local-lake").orElseThrow().values().get(ProfileField.DELTA_TABLE));

        robot.clickOn("#testButton");
        @SuppressWarnings("unchecked")
        ListView<CheckResult> results = robot.lookup("#resultList").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !robot.lookup("#testButton").queryButton().isDisabled()
                && results.getItems().size() == 1);
        CheckResult r = results.getItems().get(0);
        assertEquals(CheckResult.Status.PASS, r.status(), r::line);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.from(results).lookup(".list-cell").queryAll().stream()
                .anyMatch(n -> n.getStyleClass().contains(Styles.SUCCESS)), "a passed check is marked");
        shoot(robot);
        assertTrue(uncaught.isEmpty(), uncaught::toString);
    }

    private void shoot(FxRobot robot) throws Exception {
        String shots = System.getProperty("sluice.shots");
        if (shots == null) {
            return;
        }
        // the picture for the docs: the built-in profile tested, every check on the embedded servers
        @SuppressWarnings("unchecked")
        ListView<Object> profiles = robot.lookup("#profileList").queryAs(ListView.class);
        robot.interact(() -> profiles.getSelectionModel().select(0));
        robot.clickOn("#testButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !robot.lookup("#testButton").queryButton().isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        PngExport.Picture[] picture = new PngExport.Picture[1];
        robot.interact(() -> picture[0] = PngExport.take(dialog.getScene().getRoot()));
        picture[0].writeTo(Path.of(shots, "connections-dialog.png"));
    }
}
