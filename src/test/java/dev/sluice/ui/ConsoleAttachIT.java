package dev.sluice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.agent.WaitingApp;
import dev.sluice.event.RunInfo;
import dev.sluice.source.attach.LocalJvms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File › Attach… (Ctrl+Shift+A) as a user does it, on two running child JVMs: each is listed with its pid and
 * main class, Enter loads the agent into the selected one and the console shows it live; attaching the second
 * while the first is live makes one run of both on one clock, named after both. Needs target/sluice-agent.jar
 * ({@code *IT}: after package). {@code -Dsluice.shots=DIR} also writes the dialog's picture for the docs.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleAttachIT {

    private static final long SECONDS = 90; // only stops a hang

    @TempDir
    static Path dir;

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final List<Process> apps = new ArrayList<>();
    private Console console;

    @Start
    void start(Stage stage) {
        console = TestConsoles.open(stage, uncaught);
    }

    @AfterEach
    void close(FxRobot robot) throws InterruptedException {
        robot.interact(() -> console.stage().close());
        for (Process p : apps) {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void twoRunningJvmsAttachedFromTheDialogAreOneLiveRunOnOneClock(FxRobot robot) throws Exception {
        assertTrue(Files.isRegularFile(LocalJvms.agentJar()));
        String first = startApp("first");
        String second = startApp("second");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        // a JVM is listed once it has started, with its main class a moment later: the dialog lists once
        while (LocalJvms.list().stream().filter(j -> j.mainClass().equals(WaitingApp.class.getName())
                && (j.pid().equals(first) || j.pid().equals(second))).count() < 2) {
            assertTrue(System.nanoTime() < deadline, "not listed: " + LocalJvms.list());
            Thread.sleep(100);
        }

        attachFromTheDialog(robot, first, null, "");
        String one = first + " WaitingApp";
        WaitForAsyncUtils.waitFor(SECONDS, TimeUnit.SECONDS, () -> console.session().runningProperty().get()
                && console.session().liveEvents() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        String source = console.session().sourceProperty().get();
        assertTrue(source.startsWith("attached: " + WaitingApp.class.getName() + "@" + first + " at 127.0.0.1:"), source);

        attachFromTheDialog(robot, second, first, "Live: " + one + ". Attaching another process adds it to this run");
        WaitForAsyncUtils.waitFor(SECONDS, TimeUnit.SECONDS, () -> console.session().sourceProperty().get()
                .equals("attached: " + one + " + " + second + " WaitingApp") && console.session().liveEvents() > 0);
        WaitForAsyncUtils.waitFor(SECONDS, TimeUnit.SECONDS, () -> console.session().frameProperty().get().model()
                .run() != null && console.session().frameProperty().get().model().run().runId().startsWith("merge-"));
        RunInfo merged = console.session().frameProperty().get().model().run();
        assertTrue(merged.settings().containsKey("merge." + first + "-WaitingApp"), merged.settings().toString());
        assertTrue(merged.settings().containsKey("merge." + second + "-WaitingApp"), merged.settings().toString());
        assertTrue(console.session().runningProperty().get());
        assertTrue(apps.stream().allMatch(Process::isAlive), "attaching leaves the jobs running");

        robot.interact(() -> console.session().stopRun()); // detaches: the jobs run on
        WaitForAsyncUtils.waitFor(SECONDS, TimeUnit.SECONDS, () -> !console.session().runningProperty().get());
        String ended = console.session().messageProperty().get();
        assertTrue(ended.startsWith("attached to 2 processes on one clock: "), ended);
        assertTrue(apps.stream().allMatch(Process::isAlive), "detaching leaves the jobs running");
        assertTrue(uncaught.isEmpty(), uncaught.toString());
    }

    /**
     * Ctrl+Shift+A, the process's row selected, Enter; the dialog closes once it is handed over. {@code live}: the
     * pid attached already (null: none), {@code note}: how the dialog's note starts.
     */
    private void attachFromTheDialog(FxRobot robot, String pid, String live, String note) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(SECONDS, TimeUnit.SECONDS, () -> dialog(robot) != null);
        @SuppressWarnings("unchecked")
        TableView<LocalJvms.Jvm> table = robot.lookup("#jvmTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(SECONDS, TimeUnit.SECONDS,
                () -> table.getItems().stream().anyMatch(j -> j.pid().equals(pid)));
        assertTrue(robot.lookup("#noteLabel").queryAs(Label.class).getText().startsWith(note),
                robot.lookup("#noteLabel").queryAs(Label.class).getText());
        LocalJvms.Jvm row = table.getItems().stream().filter(j -> j.pid().equals(pid)).findFirst().orElseThrow();
        if (live != null) {
            LocalJvms.Jvm attached = table.getItems().stream().filter(j -> j.pid().equals(live)).findFirst().orElseThrow();
            assertEquals("attached, live", table.getColumns().get(2).getCellData(attached), "the list says which is live");
            assertEquals("", table.getColumns().get(2).getCellData(row));
        }
        assertEquals(WaitingApp.class.getName(), row.mainClass());
        robot.interact(() -> {
            table.getSelectionModel().select(row);
            table.requestFocus();
        });
        shoot(robot, note.isEmpty());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(SECONDS, TimeUnit.SECONDS, () -> dialog(robot) == null);
    }

    private static Window dialog(FxRobot robot) {
        return robot.listTargetWindows().stream().filter(w -> w instanceof Stage s && w.isShowing()
                && "Attach to a running job".equals(s.getTitle())).findFirst().orElse(null);
    }

    private void shoot(FxRobot robot, boolean firstAttach) throws Exception {
        String shots = System.getProperty("sluice.shots");
        if (shots == null || firstAttach) {
            return;
        }
        WaitForAsyncUtils.waitForFxEvents();
        PngExport.Picture[] picture = new PngExport.Picture[1];
        robot.interact(() -> picture[0] = PngExport.take(dialog(robot).getScene().getRoot()));
        picture[0].writeTo(Path.of(shots, "console-attach-dialog.png"));
    }

    /** A job that runs until it is killed, started so that loading an agent later prints no warning. */
    private String startApp(String name) throws Exception {
        Path classes = Path.of(WaitingApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+EnableDynamicAgentLoading", "-cp", classes.toString(), WaitingApp.class.getName())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        apps.add(app);
        return Long.toString(app.pid());
    }
}
