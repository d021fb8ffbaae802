package dev.sluice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.FindingCode;
import dev.sluice.model.ReplayTransport;
import dev.sluice.model.ThreadGuard;
import dev.sluice.ui.commits.CommitsViewModel;
import dev.sluice.ui.findings.FindingsViewModel;
import dev.sluice.ui.loops.LoopsViewModel;
import dev.sluice.ui.windows.WindowsViewModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The console on a recorded demo trace, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class ConsoleReplayTest {

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Console console;
    private long violationsBefore;

    @Start
    void start(Stage stage) {
        violationsBefore = ThreadGuard.violations();
        console = TestConsoles.open(stage, uncaught);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> console.stage().close());
    }

    private void openDemo(FxRobot robot) throws Exception {
        Path trace = DemoTrace.get();
        robot.interact(() -> console.session().openTrace(trace));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> console.session().frameProperty().get().model().eventCount() > 0);
    }

    @Test
    void playingTheDemoToTheEndListsTheLeakAndSelectingItMovesTheScrubber(FxRobot robot) throws Exception {
        openDemo(robot);
        robot.interact(() -> {
            console.session().seek(0);
            console.session().setSpeed(ReplayTransport.UNPACED);
            console.session().togglePlay();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            Frame f = console.session().frameProperty().get();
            return f.cursorNanos() == f.model().endNanos() && !console.session().playingProperty().get();
        });
        WaitForAsyncUtils.waitForFxEvents();

        FindingsViewModel.Row leak = console.findings().table().getItems().stream()
                .filter(r -> r.code() == FindingCode.CLIENT_LEAKED).findFirst().orElse(null);
        assertNotNull(leak, "the findings list shows CLIENT_LEAKED after playing to the end");
        assertFalse(leak.ahead(), "the leak started before the end");
        double before = console.transport().scrubber().getValue();
        assertEquals(console.session().frameProperty().get().model().endNanos(), before, 1.0);

        Node row = robot.lookup(".findings-view .table-row-cell").match(n -> n instanceof TableRow<?> r
                && r.getItem() == leak).query();
        robot.clickOn(row);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(leak.startNanos(), console.transport().scrubber().getValue(), 1.0,
                "selecting the finding seeks the scrubber to its start");
        assertEquals(leak.startNanos(), console.session().frameProperty().get().cursorNanos());
        assertTrue(console.session().selectionProperty().get().stream().anyMatch(r -> r.id().equals("client-2")));
        // seeking before the finding refreshes the list ("ahead"); the cursor is not pulled back to it
        long start = console.session().frameProperty().get().model().startNanos();
        robot.interact(() -> console.session().seek(start));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(start, console.session().frameProperty().get().cursorNanos());
        assertTrue(uncaught.isEmpty(), () -> "uncaught on the FX thread: " + uncaught);
        assertEquals(violationsBefore, ThreadGuard.violations(), "no model or UI work on a wrong thread");
    }

    @Test
    void everyViewRendersTheDemoWithoutErrors(FxRobot robot) throws Exception {
        openDemo(robot);
        for (Tab tab : console.shell().tabs().getTabs()) {
            robot.interact(() -> console.shell().tabs().getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> tab.getContent().snapshot(null, null));
        }
        robot.interact(() -> console.session().seek(console.session().frameProperty().get().model().endNanos() / 2));
        robot.interact(() -> console.shellModel().darkProperty().set(true));
        for (Tab tab : console.shell().tabs().getTabs()) {
            robot.interact(() -> console.shell().tabs().getSelectionModel().select(tab));
            robot.interact(() -> tab.getContent().snapshot(null, null));
        }
        robot.interact(() -> console.session().seek(Long.MAX_VALUE));
        robot.interact(() -> {
            assertTrue(console.engineModel(LoopsViewModel.class).picture().rows().size() >= 4, "clients and thread lanes");
            assertFalse(console.engineModel(LoopsViewModel.class).picture().paths().isEmpty(), "request paths");
            assertTrue(console.engineModel(LoopsViewModel.class).picture().rows().stream().anyMatch(r -> r.state() == LoopsViewModel.RowState.LEAKED));
            assertFalse(console.engineModel(WindowsViewModel.class).picture(400).streams().isEmpty(), "flight streams");
            assertEquals(2, console.engineModel(CommitsViewModel.class).picture().writers().size(), "two delta writers");
            assertEquals(2, console.engineModel(CommitsViewModel.class).picture().versions().size(), "the table's versions 0 and 1");
            assertFalse(console.timelineModel().picture(500).bands().isEmpty(), "the leak on the timeline");
        });
        assertTrue(uncaught.isEmpty(), () -> "uncaught on the FX thread: " + uncaught);
    }

    @Test
    void aCorruptTraceGetsADialogAndTheConsoleKeepsWorking(FxRobot robot, @TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.sluice");
        Files.write(bad, "this is not an Arrow stream at all".getBytes(StandardCharsets.UTF_8));
        robot.interact(() -> console.session().openTrace(bad));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertTrue(dialog.getContentText().contains("broken.sluice"), dialog.getContentText());
        assertTrue(dialog.getContentText().contains("not a Sluice trace"), dialog.getContentText());
        robot.interact(() -> dialog.getScene().getWindow().hide());
        openDemo(robot);
        assertTrue(console.session().frameProperty().get().model().findings().stream()
                .anyMatch(f -> f.code() == FindingCode.CLIENT_LEAKED));
    }

    @Test
    void ctrlEAsksWhereAndWritesTheListedFindingsAsCsvAndCancellingWritesNothing(FxRobot robot, @TempDir Path dir)
            throws Exception {
        openDemo(robot);
        robot.interact(() -> console.session().seek(Long.MAX_VALUE));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !console.findings().table().getItems().isEmpty());
        List<String> asked = new CopyOnWriteArrayList<>();
        Path csv = dir.resolve("chosen.csv");
        robot.interact(() -> console.findings().chooseSaveWith((owner, title, name, filter) -> {
            asked.add(title + " | " + name + " | " + String.join(",", filter.getExtensions()));
            return asked.size() == 1 ? null : csv.toFile();
        }));
        robot.clickOn(console.findings().table());
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("Export findings as CSV | findings.csv | *.csv"), asked, "Ctrl+E asks for a CSV file");
        assertFalse(Files.exists(csv), "cancelled: nothing written");

        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(csv) && Files.size(csv) > 0);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(console.findings().table().getItems().size() + 1, lines.size(), "a header and a line per listed finding");
        assertTrue(lines.stream().anyMatch(l -> l.contains(FindingCode.CLIENT_LEAKED.name())), String.join("\n", lines));
        assertTrue(uncaught.isEmpty(), () -> "uncaught on the FX thread: " + uncaught);
    }
}
