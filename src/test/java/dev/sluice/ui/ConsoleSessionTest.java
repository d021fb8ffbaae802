package dev.sluice.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session without a JavaFX toolkit: building it starts nothing, background work runs on its
 * own threads, results come back through the UI executor (here: a queue the test thread drains).
 */
class ConsoleSessionTest {

    private final BlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    private final Thread owner = Thread.currentThread();
    private final ConsoleSession session = new ConsoleSession(uiQueue::add, what -> {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(what + " off the owner thread");
        }
    });

    /** Runs the next result handed back to the UI thread (the wait only bounds a hang). */
    private void runNextOnUi() throws InterruptedException {
        Runnable next = uiQueue.poll(60, TimeUnit.SECONDS);
        assertNotNull(next, "the background work reported back");
        next.run();
    }

    @Test
    void filesAreWrittenOnTheSessionsFileThreadAndTheOutcomeReportedOnTheUiThread(@TempDir Path dir) throws Exception {
        session.startBackground();
        Path target = dir.resolve("out.txt");
        List<String> writers = new ArrayList<>();
        session.write(target, "the notes", t -> {
            writers.add(Thread.currentThread().getName());
            Files.writeString(t, "hello");
        });
        runNextOnUi();
        assertEquals("hello", Files.readString(target));
        assertTrue(writers.get(0).startsWith("sluice-files-"), writers.toString());
        assertEquals("saved the notes to " + target, session.messageProperty().get());

        List<String> errors = new ArrayList<>();
        session.onErrorProperty().set((title, text) -> errors.add(title + " | " + text));
        session.write(target, "the notes", t -> {
            throw new IOException("disk full");
        });
        runNextOnUi();
        assertEquals(List.of("Cannot save the notes | " + target + ": disk full"), errors);
        session.stop();
    }

    @Test
    void buildingStartsNoThreadAndStopRefusesNewWork(@TempDir Path dir) throws Exception {
        ConsoleSession idle = new ConsoleSession(uiQueue::add, what -> { });
        assertThrows(IllegalStateException.class, () -> idle.openTrace(dir.resolve("a.sluice")),
                "nothing runs before start");
        session.startBackground();
        assertThrows(IllegalStateException.class, session::startBackground);
        session.stop();
        assertThrows(RejectedExecutionException.class, () -> session.write(dir.resolve("b"), "b", t -> { }));
        assertTrue(uiQueue.isEmpty());
    }

    @Test
    void aTraceLoadsInTheBackgroundAndIsShownAtItsEnd() throws Exception {
        Path trace = DemoTrace.get();
        session.startBackground();
        session.openTrace(trace);
        assertEquals(-1, session.progressProperty().get(), "busy while loading");
        runNextOnUi();
        Frame frame = session.frameProperty().get();
        assertTrue(frame.model().eventCount() > 0);
        assertEquals(frame.model().endNanos(), frame.cursorNanos());
        assertEquals(trace, session.currentTrace());
        assertTrue(session.sourceProperty().get().startsWith("replay: demo.sluice"), session.sourceProperty().get());
        assertTrue(session.messageProperty().get().startsWith("loaded "), session.messageProperty().get());
        session.seek(frame.model().startNanos());
        assertEquals(frame.model().startNanos(), session.frameProperty().get().cursorNanos());
        session.stop();
    }
}
