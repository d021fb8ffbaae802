package dev.sluice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.source.MergedSource;
import dev.sluice.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
 * File › Open… with two traces picked (or two dropped at once): the console shows them as one run on one
 * clock, as {@code sluice check A B} merges them, a lane per process, and says how well the clocks align.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleOpenSeveralTest {

    @TempDir
    static Path dir;

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

    @Test
    void twoTracesOpenAsOneRunOnOneClockWithTheAlignmentSaid(FxRobot robot) throws Exception {
        Path a = DemoTrace.record(Files.createDirectories(dir.resolve("a")).resolve("writer.sluice"));
        Path b = DemoTrace.record(Files.createDirectories(dir.resolve("b")).resolve("reader.sluice"));
        int events = TraceReader.readAll(a).events().size() + TraceReader.readAll(b).events().size();
        robot.interact(() -> console.shellModel().openTraces(List.of(a, b)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> console.session().frameProperty().get().model().eventCount() > 0);
        WaitForAsyncUtils.waitForFxEvents();

        // every event of both, plus the merge's note of the offsets and the alignment
        assertEquals(events + 1, console.session().frameProperty().get().model().eventCount());
        String source = console.session().sourceProperty().get();
        assertTrue(source.startsWith("replay: writer+reader.sluice (merge of demo, demo, run merge-"), source);
        String message = console.session().messageProperty().get();
        assertTrue(message.startsWith("loaded " + (events + 1) + " events, "), message);
        assertTrue(message.contains(" — " + MergedSource.ALIGNMENT), message);
        assertTrue(console.session().currentTrace().getFileName().toString().equals("writer+reader.sluice"),
                "Save trace as… saves the merged run");
        assertTrue(uncaught.isEmpty(), uncaught.toString());
    }
}
